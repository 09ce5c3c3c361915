"""The people of other sites, as ``sphinx.ext.intersphinx`` finds them, for ``sphinx-workshop check``.

A ``{person}`` id with no card on the site still links when a site named in ``intersphinx_mapping``
lists it in its objects.inv (intersphinx's fallback, unless ``intersphinx_disabled_reftypes`` turns it
off), or when it names that site first (``ml4astro:bouman``). check reads the inventories conf.py names
as local files, with Sphinx's own reader. It makes no network request: an id that only a site on the
web could have is not reported (the build, which fetches that site's inventory, says whether it has it).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.util.inventory import InventoryFile

#: The inventory's object type of a person with a card (``domain.py``'s ``object_types``).
PERSON = "workshop:person"
INTERSPHINX = "sphinx.ext.intersphinx"


@dataclass(frozen=True)
class OtherSites:
    """Person ids per site of ``intersphinx_mapping`` that check could read, and the sites it could not."""

    people: Mapping[str, frozenset[str]] = field(default_factory=dict)
    on_the_web: frozenset[str] = frozenset()
    #: The fallback: an id with no card here is looked up on every site.
    fallback: bool = False

    def may_link(self, person_id: str) -> bool:
        """Whether the build may link the id to another site's card (as far as check can tell: yes when it cannot)."""
        if self.fallback and (self.on_the_web or any(person_id in ids for ids in self.people.values())):
            return True
        site, colon, target = person_id.partition(":")
        return bool(colon) and (site in self.on_the_web or target in self.people.get(site, ()))


def other_sites(root: Path, values: Mapping[str, object]) -> OtherSites:
    """The other sites of conf.py's literal ``extensions`` and ``intersphinx_mapping`` (``root`` is the site's folder)."""
    extensions = values.get("extensions")
    mapping = values.get("intersphinx_mapping")
    if not isinstance(extensions, list | tuple) or INTERSPHINX not in extensions or not isinstance(mapping, dict):
        return OtherSites()
    disabled = values.get("intersphinx_disabled_reftypes", ["std:doc"])
    disabled = set(disabled) if isinstance(disabled, list | tuple | set | frozenset) else set()
    people: dict[str, frozenset[str]] = {}
    on_the_web: set[str] = set()
    for name, spec in mapping.items():
        if not (isinstance(name, str) and isinstance(spec, list | tuple) and len(spec) == 2
                and isinstance(spec[0], str)):
            continue
        uri, locations = spec
        for location in locations if isinstance(locations, list | tuple) else (locations,):
            where = posixpath.join(uri, "objects.inv") if location is None else location
            if not isinstance(where, str):
                continue
            if "://" in where:
                on_the_web.add(name)
                break
            ids = _people_in(root / where, uri)
            if ids is not None:  # intersphinx takes the first location it can read
                people[name] = ids
                break
    return OtherSites(people, frozenset(on_the_web), fallback=not ({"*", "workshop:*", PERSON} & disabled))


def _people_in(path: Path, uri: str) -> frozenset[str] | None:
    try:
        with path.open("rb") as stream:
            inventory = InventoryFile.load(stream, uri, posixpath.join)
    except Exception:  # noqa: BLE001 - intersphinx skips an unreadable inventory too, whatever the reason
        return None
    return frozenset(inventory.get(PERSON, {}))
