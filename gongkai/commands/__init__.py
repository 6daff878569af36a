"""One module per `gongkai` subcommand."""
