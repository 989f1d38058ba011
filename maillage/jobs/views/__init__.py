"""Pages of the jobs module, by topic (offers, candidates, applications); thin: parse, call, render."""
