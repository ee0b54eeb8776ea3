"""The commands: each one transaction that validates its arguments, writes the change and its
event, remembers how to undo it, and returns what changed."""
