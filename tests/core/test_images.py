"""Images are stored beside the article under safe, unique names and linked relatively."""

from __future__ import annotations

from pathlib import Path

from editor.core.images import (
    alt_text,
    images_folder,
    relative_link,
    safe_stem,
    store_image_bytes,
    store_image_file,
)


def test_safe_names() -> None:
    assert safe_stem("Photo of the Quay (2)") == "photo-of-the-quay-2"
    assert safe_stem("Café ☕") == "cafe"
    assert safe_stem("###") == "image"
    assert alt_text("photo_of-the quay.png") == "photo of the quay"


def test_copies_get_unique_names_and_identical_ones_are_reused(tmp_path: Path) -> None:
    article = tmp_path / "site" / "ferry.md"
    folder = images_folder(article, "images/")
    assert folder == tmp_path / "site" / "images"
    first = store_image_bytes(b"one", "Boat", ".PNG", folder)
    second = store_image_bytes(b"two", "Boat", ".png", folder)
    again = store_image_bytes(b"one", "Boat", ".png", folder)
    assert (first.name, second.name, again) == ("boat.png", "boat-2.png", first)
    assert relative_link(second, article) == "images/boat-2.png"


def test_file_copy_and_links_outside_the_folder(tmp_path: Path) -> None:
    source = tmp_path / "Downloads" / "Harbour Map.jpg"
    source.parent.mkdir()
    source.write_bytes(b"jpeg")
    article = tmp_path / "site" / "posts" / "ferry.md"
    stored = store_image_file(source, images_folder(article, "../assets"))
    assert stored == tmp_path / "site" / "assets" / "harbour-map.jpg"
    assert stored.read_bytes() == b"jpeg"
    assert relative_link(stored, article) == "../assets/harbour-map.jpg"
    # An image that already sits in the folder is linked, not copied again.
    assert store_image_file(stored, stored.parent) == stored.resolve()
