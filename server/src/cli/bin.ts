/** The bundled CLI's entry: registers the subcommands and runs. */
import { main } from './main';

// `outcomes-lint … | head` closes the pipe early: stop quietly, as Unix tools do, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const code = main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
else void code.then((result) => (process.exitCode = result));
