/**
 * Jest's own runner, asking to run its test files one after another (Jest then runs them in
 * its main process, after the parallel projects): used by the end-to-end project.
 */
const TestRunner = require('jest-runner').default;

class SerialRunner extends TestRunner {
  isSerial = true;
}

module.exports = SerialRunner;
