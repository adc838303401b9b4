type ErrorClass = abstract new (...args: never[]) => Error;

/** Runs a command's main: its exit code, or 1 with only the message for an expected error (the whole error otherwise). */
export function runCommand(main: () => Promise<number>, expected: ErrorClass[]): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(expected.some((E) => err instanceof E) ? (err as Error).message : err);
      process.exit(1);
    },
  );
}
