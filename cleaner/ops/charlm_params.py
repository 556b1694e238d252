"""The constants of the character model's estimates, shared by the one-character scorer
(:class:`cleaner.ops.charlm.DocLM`) and the array scorer (:mod:`cleaner.ops.charlm_arrays`),
which must do the same arithmetic."""

from __future__ import annotations

BETA = 40.0  # Dirichlet prior weight of the unigram distribution in a bigram estimate
DOC_LAMBDA = 0.3
DOC_BETA = 2.0
# Witten-Bell: a trigram context hands the bigram estimate a weight of WB times the number of
# distinct characters seen after it, so a context followed by few different characters (a
# fixed phrase) trusts its counts, and one followed by many (a quote mark, a particle)
# leaves room for continuations the table never saw. A single constant weight either made
# every unseen trigram after a frequent context nearly impossible (軍事談判 read as 軍勇談判)
# or trusted the bigram after fixed phrases too much.
WB = 5.0
DOC_TRI = 30.0  # one trigram of the document counts like this many of the base table
# The table was counted with full-width ASCII folded to ASCII; text is scored the same way, so
# "（南开大学）" is as plausible as "(南开大学)" and never looks like a rare character.
FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
