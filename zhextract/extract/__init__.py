"""One module per kind of thing found; each has one entry point `find_<kind>(ctx)`."""
