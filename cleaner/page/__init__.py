"""The page model every chrome rule shares: lines, their kinds, the body core, zones and lists.

- :mod:`cleaner.page.lines`: lines with offsets, prose lines, zones, whole-line removals;
- :mod:`cleaner.page.kinds`: what one line is by itself (prose, anchor of a chrome family, fact);
- :mod:`cleaner.page.lists`: headline lists, bulleted and dated links, vertical labels;
- :mod:`cleaner.page.core`: kinds in context and the body core (where the report is);
- :mod:`cleaner.page.tail`: where the chrome below the report starts, and the guard every run
  of chrome passes (it never takes a second report);
- :mod:`cleaner.page.analysis`: all of it, cached per version of a document's text.

The page model reads its vocabulary from the lexicon (:mod:`cleaner.lexicon`) and imports
nothing from :mod:`cleaner.ops`: ops use it, never the other way round.
"""
