"""YAML front matter (``---``): the editor's original format, read by ``frontmatter``."""

from __future__ import annotations

from typing import Any

import yaml

from editor.core.codecs.base import Codec, ParsedFrontMatter, Region, Spelled
from editor.core.frontmatter import (
    ParsedYaml,
    parse_yaml,
    rewrite_front_matter,
    split_front_matter,
)


class YamlFrontMatter(ParsedFrontMatter):
    """Values plus PyYAML's node tree, whose marks say where each value sits."""

    def __init__(self, parsed: ParsedYaml, text: str, first_line: int) -> None:
        super().__init__(parsed.data)
        self.parsed = parsed
        self._text = text  # the YAML between the fences; node marks index into it
        self._first_line = first_line

    def _entries(self, node: yaml.Node | None) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            return {}
        return {str(k.value): v for k, v in node.value if isinstance(k, yaml.ScalarNode)}

    def position(self, key: str, sub: str | None = None) -> tuple[int, int] | None:
        node = self._entries(self.parsed.root).get(key)
        if node is not None and sub is not None:
            node = self._entries(node).get(sub, node)
        if node is None:
            return None
        return node.start_mark.line + self._first_line + 1, node.start_mark.column + 1

    def key_lines(self) -> dict[str, int]:
        root = self.parsed.root
        if root is None:
            return {}
        return {
            str(k.value): k.start_mark.line + self._first_line + 1
            for k, _ in root.value
            if isinstance(k, yaml.ScalarNode)
        }

    def _spell(self, node: yaml.Node) -> Spelled:
        if isinstance(node, yaml.MappingNode):
            return {str(k.value): self._spell(v) for k, v in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [self._spell(item) for item in node.value]
        return self._text[node.start_mark.index : node.end_mark.index].strip()

    def spelled(self, key: str) -> Spelled | None:
        node = self._entries(self.parsed.root).get(key)
        return None if node is None else self._spell(node)

    def source(self, key: str) -> str | None:
        node = self._entries(self.parsed.root).get(key)
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode) and not getattr(node, "flow_style", False):
            return None  # a block list or mapping
        return self._text[node.start_mark.index : node.end_mark.index].strip()


class YamlCodec(Codec):
    name = "yaml"
    label = "YAML"

    def find(self, text: str, path: str | None = None) -> Region | None:
        split = split_front_matter(text, path)
        if not split.has_front_matter:
            return None
        return Region(split.yaml_start, split.yaml_end, split.body_start, split.yaml_first_line)

    def parse(self, text: str, region: Region, path: str | None = None) -> YamlFrontMatter:
        inner = text[region.start : region.end]
        return YamlFrontMatter(parse_yaml(inner, path, region.first_line), inner, region.first_line)

    def rewrite(
        self,
        text: str,
        region: Region,
        parsed: ParsedFrontMatter,
        new: dict[str, Any],
        newline: str,
    ) -> str:
        assert isinstance(parsed, YamlFrontMatter)
        inner = text[region.start : region.end]
        return rewrite_front_matter(inner, parsed.parsed.root, parsed.data, new, newline)

    def new_block(self, data: dict[str, Any], newline: str) -> str:
        return f"---{newline}{rewrite_front_matter('', None, {}, data, newline)}---{newline}"
