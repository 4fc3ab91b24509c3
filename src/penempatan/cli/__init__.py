"""The ``penempatan`` command line: the top of the house, reading files and calling the API."""
