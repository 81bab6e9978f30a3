"""Labelled test sets for the matching benchmarks, generated from a seed at run time."""
