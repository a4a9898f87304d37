/** The part of madge's API (it ships no types) that test/architecture.test.ts uses. */
declare module 'madge' {
  interface MadgeConfig {
    baseDir?: string;
    fileExtensions?: string[];
    tsConfig?: string;
  }
  interface MadgeInstance {
    /** Each cycle as the modules in it, relative to baseDir. */
    circular(): string[][];
  }
  function madge(path: string | string[], config?: MadgeConfig): Promise<MadgeInstance>;
  export = madge;
}
