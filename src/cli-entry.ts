// The local tool's entry point.
import { main } from './cli.js'

process.exitCode = await main(process.argv.slice(2))
