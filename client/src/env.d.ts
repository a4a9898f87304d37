declare module 'virtual:world-topology' {
  import type { Topology } from 'topojson-specification';
  const topology: Topology;
  export default topology;
}
