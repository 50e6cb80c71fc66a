/** Where a command writes: results to stdout, problems to stderr (tests pass their own). */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}
