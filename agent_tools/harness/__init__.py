"""Play whole calls against an LLM with the real tools, and judge them."""
