/** The bundled CLI's entry: registers the subcommands and runs. */
import { main } from './main';

process.exitCode = main(process.argv.slice(2));
