"""The command line: options, one lint run, subcommands, the progress line."""
