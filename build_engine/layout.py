"""Where the engine finds and puts things, relative to the project root (the folder
holding mkdocs.yml). The hook, the benchmark and the tests all read these."""

SNIPPET_DIR = "snippets"
CACHE_DIR = ".cache/snippets"  # one folder of outputs per snippet (snippet_runner)
NOTEBOOK_STAGING = ".cache/notebooks"  # the notebooks, where mkdocs-jupyter can read them
EXAMPLES_DIR = "examples"  # where generated pages and files appear on the site
