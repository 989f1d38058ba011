"""Views of company relations, split by topic (thin: forms validate, services write, selectors read)."""
