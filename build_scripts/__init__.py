"""Annotated Briefings: news articles and contributor annotations, built into a cross-linked site."""
