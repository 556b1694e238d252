"""A persistent dedup index in SQLite: check each new batch against everything seen before.

The index keeps, per document, what linking needs and nothing of its text: id, key hash,
shingle count, length, cluster, whether it is the kept copy, and the compact signature (a blob
of 16-bit values); and per distinct document its band keys, indexed, so the documents a new
batch may match are found by a join instead of a scan. Adding a batch is one transaction
(``BEGIN IMMEDIATE`` … ``COMMIT``): an interrupted add leaves the index as it was before the
batch. A command can also hold one transaction for a whole run (:meth:`DedupIndex.begin_run`,
batches become savepoints): ``cleaner dedup --index`` commits only once its output is written,
so the index and the output agree after any interruption, and a second run on the same index
is told at once that the index is in use instead of failing half-way.

A batch is linked together with the indexed documents it can match (same key hash, or a shared
band key) by the same :func:`~cleaner.dedup.core.link` as one-shot dedup, and cluster numbers
are positions of the earliest member, so indexing A then adding B gives the clusters of A+B
deduplicated at once. The boilerplate counts cover the whole index: they stream every stored
signature once per batch. A cluster that already had a kept copy keeps it: it was delivered.

Where incremental and at-once results can differ: the boilerplate guard. Whether a signature
value (or a band bucket) counts as boilerplate depends on how many distinct documents hold it,
against a cap of ``max(boilerplate_min_docs, boilerplate_share × distinct documents)``, and the
index decides with the counts of the moment a pair is checked. Two cases diverge: (1) a
template family that stays under the cap in A and crosses it only when B arrives — pairs
within A were linked on template text and stay linked, where A+B at once would not link them;
(2) above 10,000 distinct documents the cap grows with the corpus, so a value can stop being
boilerplate later — pairs rejected earlier are not re-checked, where A+B at once could link
them. Re-deciding would mean retracting assignments already written out, so the index keeps
its decisions; ``tests/test_dedup.py`` shows case (1). Corpora without template families near
the cap get identical clusters (also tested).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from typing import Any

import numpy as np

from cleaner.dedup.core import DedupConfig, exact_groups, link
from cleaner.dedup.deduper import Assignment, DedupResult, sign
from cleaner.dedup.keep import DocInfo, choose
from cleaner.dedup.lsh import band_keys
from cleaner.dedup.minhash import STORED
from cleaner.dedup.verify import count_codes, similarity, slot_codes

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs(
    n INTEGER PRIMARY KEY, id TEXT NOT NULL, key_hash INTEGER NOT NULL, size INTEGER NOT NULL,
    length INTEGER NOT NULL, cluster INTEGER NOT NULL, kept INTEGER NOT NULL,
    rep INTEGER NOT NULL, sig BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS docs_hash ON docs(key_hash);
CREATE INDEX IF NOT EXISTS docs_cluster ON docs(cluster);
CREATE TABLE IF NOT EXISTS bands(key INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY(key, n)) WITHOUT ROWID;
"""
# The format of keys, key hashes and stored signatures: an index built with another one cannot
# be extended.
KEY_VERSION = "3"
# Fields that change signatures or bands: an index is only usable with the same values.
_FIXED = ("ngram", "num_perm", "seed", "threshold", "containment", "min_length_ratio", "simplify")
BUSY_TIMEOUT_MS = 5000


class IndexError_(ValueError):
    """The index file cannot be used; the message names it and says why, on one line."""


class DedupIndex:
    """Open (or create) the index at ``path``; its stored configuration wins over ``config``."""

    def __init__(
        self, path: str | os.PathLike, config: DedupConfig | None = None,
        keep: str = "longest", priority: Sequence[str] = (),
    ) -> None:
        self.path = os.fspath(path)
        self._in_run = False
        if os.path.isdir(self.path):
            raise IndexError_(f"{self.path} is a directory, not a dedup index")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None,
                                        timeout=BUSY_TIMEOUT_MS / 1000)
            tables = {name for (name,) in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and not {"meta", "docs", "bands"} <= tables:
                raise IndexError_(f"{self.path} is an SQLite database but not a dedup index "
                                  f"(it holds {', '.join(sorted(tables)[:5])})")
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.executescript(_SCHEMA)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc):
                raise IndexError_(f"{self.path} is in use by another run") from exc
            raise IndexError_(f"{self.path} cannot be opened as a dedup index: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            raise IndexError_(f"{self.path} is not a dedup index ({exc})") from exc
        stored = self.conn.execute("SELECT value FROM meta WHERE key='config'").fetchone()
        if stored:
            saved = DedupConfig(**json.loads(stored[0]))
            if config is not None and any(
                getattr(config, f) != getattr(saved, f) for f in _FIXED
            ):
                raise ValueError(f"{self.path} was built with {json.dumps(saved.to_dict())}")
            self.config = saved
            version = self.conn.execute("SELECT value FROM meta WHERE key='key'").fetchone()
            if not version or version[0] != KEY_VERSION:
                raise ValueError(f"{self.path} holds keys of another format; rebuild it")
        else:
            self.config = config or DedupConfig()
            self.conn.execute("INSERT INTO meta VALUES ('config', ?)",
                              (json.dumps(self.config.to_dict()),))
            self.conn.execute("INSERT INTO meta VALUES ('key', ?)", (KEY_VERSION,))
        self.keep = keep
        self.priority = tuple(priority)

    def close(self) -> None:
        """Close; a run begun with :meth:`begin_run` and not committed is rolled back."""
        if self._in_run:
            self.conn.execute("ROLLBACK")
            self._in_run = False
        self.conn.close()

    def begin_run(self) -> None:
        """Hold one write transaction until :meth:`commit_run`: batches added meanwhile are
        invisible to others and vanish if the run never commits. Fails at once, with a clear
        message, when another run holds the index."""
        self.conn.execute("PRAGMA busy_timeout=200")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise IndexError_(f"{self.path} is in use by another run (it holds the write "
                              "lock); wait for it to finish or use another index") from exc
        finally:
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        self._in_run = True

    def commit_run(self) -> None:
        self.conn.execute("COMMIT")
        self._in_run = False

    def __enter__(self) -> DedupIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM docs").fetchone()[0]

    def _signature_chunks(self, size: int = 20_000) -> Iterator[np.ndarray]:
        k = self.config.num_perm
        cur = self.conn.execute("SELECT sig FROM docs WHERE rep=1")
        while rows := cur.fetchmany(size):
            yield np.frombuffer(b"".join(r[0] for r in rows), STORED).reshape(-1, k)

    def _load(self, ns: list[int]) -> list[tuple]:
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS want(n INTEGER PRIMARY KEY)")
        self.conn.execute("DELETE FROM want")
        self.conn.executemany("INSERT OR IGNORE INTO want VALUES (?)", ((n,) for n in ns))
        return self.conn.execute(
            "SELECT d.n, d.id, d.key_hash, d.size, d.length, d.cluster, d.kept, d.sig "
            "FROM docs d JOIN want USING(n) ORDER BY d.n").fetchall()

    def add(
        self, texts: Sequence[str], ids: Sequence[str], infos: Sequence[DocInfo] | None = None,
        _fail_after_insert: bool = False,
    ) -> DedupResult:
        """Check a batch of clean texts against the index, then add it (atomically)."""
        cfg = self.config
        infos = list(infos) if infos is not None else [DocInfo(len(t)) for t in texts]
        sigs, sizes, hashes = sign(texts, cfg)
        bands, rows = cfg.bands_rows
        conn = self.conn
        conn.execute("SAVEPOINT batch" if self._in_run else "BEGIN IMMEDIATE")
        try:
            start = conn.execute("SELECT COALESCE(MAX(n) + 1, 0) FROM docs").fetchone()[0]
            old_reps = conn.execute("SELECT COUNT(*) FROM docs WHERE rep=1").fetchone()[0]
            known = {h for (h,) in conn.execute(
                "SELECT DISTINCT key_hash FROM docs WHERE key_hash IN (SELECT value FROM "
                "json_each(?))", (json.dumps(hashes.tolist()),))}
            _, reps = exact_groups(hashes, sizes)
            new_rep = np.zeros(len(texts), bool)
            new_rep[reps] = [int(h) not in known for h in hashes[reps]]
            cap = cfg.cap(old_reps + int(new_rep.sum()))
            keys = band_keys(sigs, bands, rows)
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS probe(key INTEGER PRIMARY KEY)")
            conn.execute("DELETE FROM probe")
            conn.executemany("INSERT OR IGNORE INTO probe VALUES (?)",
                             ((int(k),) for k in np.unique(keys[new_rep])))
            counts = dict(conn.execute(
                "SELECT key, COUNT(*) FROM bands JOIN probe USING(key) GROUP BY key"))
            batch_counts = dict(zip(*np.unique(keys[new_rep], return_counts=True), strict=True))
            blocked = np.array([k for k, c in counts.items()
                                if c + batch_counts.get(k, 0) > cap], dtype=np.int64)
            conn.executemany("DELETE FROM probe WHERE key=?", ((int(k),) for k in blocked))
            near = [n for (n,) in conn.execute("SELECT DISTINCT n FROM bands JOIN probe USING(key)")]
            same = [n for (n,) in conn.execute(
                "SELECT n FROM docs WHERE key_hash IN (SELECT value FROM json_each(?))",
                (json.dumps(hashes.tolist()),))]
            old = self._load(sorted(set(near) | set(same)))
            k = cfg.num_perm
            o_sigs = np.frombuffer(b"".join(r[7] for r in old), STORED).reshape(-1, k)
            ws_sigs = np.concatenate([o_sigs, sigs])
            ws_sizes = np.concatenate([np.array([r[3] for r in old], np.int64), sizes])
            ws_hashes = np.concatenate([np.array([r[2] for r in old], np.int64), hashes])
            ws_n = [r[0] for r in old] + list(range(start, start + len(texts)))
            new = np.zeros(len(ws_n), bool)
            new[len(old):] = True
            # boilerplate: which (slot, value) codes of the working set are common corpus-wide
            _, ws_reps = exact_groups(ws_hashes, ws_sizes)
            wanted = np.unique(slot_codes(ws_sigs[ws_reps]).ravel())
            n_held = count_codes(self._signature_chunks(), wanted)
            n_held += count_codes([sigs[new_rep]], wanted)
            common = wanted[n_held >= cap]
            edges = link(ws_sigs, ws_sizes, ws_hashes, common, cap, cfg, new, blocked)
            assignments = self._merge(old, ws_n, ws_sigs, ws_sizes, ws_hashes, edges.pairs,
                                      ids, infos, start, common)
            cluster_of = {a.id: a for a in assignments}
            conn.executemany(
                "INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?)",
                ((start + i, ids[i], int(hashes[i]), int(sizes[i]), infos[i].length,
                  cluster_of[ids[i]].cluster, int(cluster_of[ids[i]].kept), int(new_rep[i]),
                  sigs[i].tobytes()) for i in range(len(texts))),
            )
            if _fail_after_insert:
                raise KeyboardInterrupt("interrupted")
            conn.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)",
                             ((int(kk), start + int(i)) for i in np.flatnonzero(new_rep)
                              for kk in keys[i]))
            conn.execute("RELEASE batch" if self._in_run else "COMMIT")
        except BaseException:
            conn.execute("ROLLBACK TO batch" if self._in_run else "ROLLBACK")
            if self._in_run:
                conn.execute("RELEASE batch")
            raise
        dup = sum(1 for a in assignments if not a.kept)
        return DedupResult(assignments, [], {"documents": len(texts), "duplicates": dup,
                                             "matched_index": len(old), "candidate_pairs":
                                             edges.candidates, "indexed": start + len(texts)})

    def _merge(self, old, ws_n, ws_sigs, ws_sizes, ws_hashes, pairs, ids, infos, start,
               common) -> list[Assignment]:
        """Union old clusters and new documents; renumber merged clusters; pick kept copies."""
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        node = {r[0]: r[5] for r in old}  # old document -> its stored cluster
        for a, b in pairs:
            ra, rb = find(node.get(ws_n[a], ws_n[a])), find(node.get(ws_n[b], ws_n[b]))
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        merged = {c: find(c) for c in {r[5] for r in old}}
        for c, root in merged.items():
            if c != root:
                self.conn.execute("UPDATE docs SET cluster=?, kept=0 WHERE cluster=?", (root, c))
        n_new = len(ids)
        roots = [find(start + i) for i in range(n_new)]
        old_kept = dict(self.conn.execute(
            "SELECT cluster, n FROM docs WHERE kept=1 AND cluster IN (SELECT value FROM "
            "json_each(?))", (json.dumps(sorted(set(roots))),)))
        groups: dict[int, list[int]] = {}
        for i, r in enumerate(roots):
            groups.setdefault(r, []).append(i)
        kept: dict[int, int] = {}  # root -> global n of the kept copy
        for r, members in groups.items():
            kept[r] = old_kept[r] if r in old_kept else start + choose(
                members, infos, self.keep, self.priority)
        pos = {n: i for i, n in enumerate(ws_n)}
        missing = [n for n in kept.values() if n not in pos]
        extra = {r[0]: r for r in self._load(missing)} if missing else {}
        out = []
        for i, r in enumerate(roots):
            keep_n = kept[r]
            if keep_n == start + i:
                out.append(Assignment(ids[i], r))
                continue
            me = pos[start + i]
            if keep_n in pos:
                ks, kz, kid = ws_sigs[pos[keep_n]], ws_sizes[pos[keep_n]], None
                kh = ws_hashes[pos[keep_n]]
            else:
                row = extra[keep_n]
                ks, kz, kh = np.frombuffer(row[7], STORED), row[3], row[2]
            kid = ids[keep_n - start] if keep_n >= start else self._id_of(keep_n)
            if kh == ws_hashes[me] and ws_sizes[me] > 0:
                sim = 1.0
            else:
                jac, cont = similarity(ws_sigs[me][None], ks[None], ws_sizes[me:me + 1],
                                       np.array([kz]), common, self.config.min_informative)
                sim = float(max(jac[0], cont[0] if cont[0] >= self.config.containment else 0))
            out.append(Assignment(ids[i], r, kid, round(sim, 4)))
        return out

    def _id_of(self, n: int) -> str:
        return self.conn.execute("SELECT id FROM docs WHERE n=?", (n,)).fetchone()[0]

    def clusters(self) -> dict[str, int]:
        """Every indexed id with its cluster number."""
        return dict(self.conn.execute("SELECT id, cluster FROM docs ORDER BY n"))

    def stats(self) -> dict[str, Any]:
        """Counts and configuration, for ``cleaner index stats``."""
        q = self.conn.execute
        docs = q("SELECT COUNT(*) FROM docs").fetchone()[0]
        distinct = q("SELECT COUNT(*) FROM docs WHERE rep=1").fetchone()[0]
        clusters = q("SELECT COUNT(DISTINCT cluster) FROM docs").fetchone()[0]
        multi = q("SELECT COUNT(*) FROM (SELECT cluster FROM docs GROUP BY cluster "
                  "HAVING COUNT(*) > 1)").fetchone()[0]
        bands, rows = self.config.bands_rows
        return {
            "path": self.path,
            "bytes": os.path.getsize(self.path),
            "documents": docs,
            "distinct_keys": distinct,
            "clusters": clusters,
            "clusters_with_copies": multi,
            "duplicates": docs - clusters,
            "band_rows": q("SELECT COUNT(*) FROM bands").fetchone()[0],
            "bands": bands,
            "rows": rows,
            "config": asdict(self.config),
        }
