"""HTML pages in: bytes → text with the charset decided and recorded, the page flattened into
blocks, and the blocks that are not the article marked with the DOM evidence against them.

The two names the ``html.*`` rules read are defined here, so a run over plain text imports
neither lxml nor the page reader to learn that a document has no plan.
"""

PLAN_KEY = "_html_plan"
"""Record metadata key of the plan: ``[[line, rule, replacement], ...]`` for every line."""
HEADLINE = "html.title:headline"
"""Plan label of the page's visible headline: kept unless the run asks for no title."""
