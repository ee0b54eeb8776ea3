"""Modal screens: the card form, a one-line prompt, a confirmation and the help screen."""
