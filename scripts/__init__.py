"""Development scripts; shots.py is imported by the snapshot tests too."""
