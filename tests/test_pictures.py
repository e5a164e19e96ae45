"""Web-sized photos: the widths and names (core), the HTML that points at them, and real builds that ship no
original bytes, strip metadata, stay byte-identical and encode nothing on a warm build."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from cohandbook.core.media.versions import Picture, encode, probe, version_name, widths_for
from cohandbook.core.site.pictures import Page, responsive, site_path, version_url
from conftest import Repo, Site

PICTURES = {"book/trunk/IMG_1.JPG": Picture(4000, 3000, (480, 960, 1440, 2048))}


def photo(size: tuple[int, int], *, orientation: int = 1, icc: bool = False, gps: bool = False) -> bytes:
    seeded = random.Random(f"{size}{orientation}")  # the same photo every time, for byte-identical builds
    image = Image.frombytes("RGB", (32, 24), seeded.randbytes(32 * 24 * 3)).resize(size, Image.Resampling.BICUBIC)
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0)}
    options = {"icc_profile": ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()} if icc else {}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, exif=exif.tobytes(), **options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("width", "widths"),
    [
        (4000, (480, 960, 1440, 2048)),
        (2048, (480, 960, 1440, 2048)),
        (1000, (480, 1000)),
        (1200, (480, 960, 1200)),
        (300, (300,)),
    ],
)
def test_widths_are_never_upscaled(width: int, widths: tuple[int, ...]) -> None:
    assert widths_for(width) == widths


def test_names_and_urls_of_versions() -> None:
    assert version_name("IMG_1.JPG", 960) == "IMG_1.JPG.960w.webp"
    assert version_url("../trunk/IMG_1.JPG", 480) == "../trunk/IMG_1.JPG.480w.webp"
    assert version_url("%E8%BD%A6%201.jpg", 480) == "%E8%BD%A6%201.jpg.480w.webp"
    assert site_path("book/trunk", "../trunk/IMG_1.JPG") == "book/trunk/IMG_1.JPG"
    # Two photos named alike but for their type keep versions of their own (one would replace the other).
    assert version_name("a.jpg", 480) != version_name("a.png", 480)
    assert site_path("book/trunk", "https://example.com/a.jpg") is None


def test_images_get_srcset_and_only_the_first_loads_eagerly() -> None:
    html = '<p><img src="IMG_1.JPG" alt="一" loading="lazy"></p><a href="IMG_1.JPG"><img src="IMG_1.JPG" alt="二"></a>'
    out = responsive(html, Page("book/trunk"), PICTURES)
    first, second = out.split("<img")[1:]
    assert 'src="IMG_1.JPG.960w.webp"' in first and 'fetchpriority="high"' in first and "loading" not in first
    assert (
        'srcset="IMG_1.JPG.480w.webp 480w, IMG_1.JPG.960w.webp 960w, IMG_1.JPG.1440w.webp 1440w, IMG_1.JPG.2048w.webp 2048w"'
        in out
    )
    assert 'width="2048" height="1536"' in first and 'loading="lazy"' in second and 'alt="二"' in second
    assert '<a href="IMG_1.JPG.2048w.webp">' in out


def test_the_print_edition_uses_print_sized_versions() -> None:
    out = responsive('<img src="trunk/IMG_1.JPG" alt="">', Page("book", printing=True), PICTURES)
    assert 'src="trunk/IMG_1.JPG.2048w.webp"' in out and "srcset" not in out and "lazy" not in out


def test_encoding_applies_orientation_and_keeps_only_the_colour_profile() -> None:
    data = photo((600, 400), orientation=6, icc=True, gps=True)
    picture = probe(data)
    assert picture == Picture(400, 600, (400,))
    assert picture is not None
    made = Image.open(io.BytesIO(encode(data, picture.widths)[400]))
    assert made.format == "WEBP" and made.size == (400, 600)
    assert made.info.get("icc_profile") and not made.info.get("exif") and not made.getexif()
    assert encode(data, (400,)) == encode(data, (400,))


def test_a_damaged_photo_has_no_versions() -> None:
    assert probe(b"\xff\xd8\xff\xe0 not really a jpeg") is None


def gallery_repo(root: Path) -> Repo:
    repo = Repo(root)
    repo.person("li-na", name="李娜", avatar="avatars/li-na.png")
    modules = [
        {"id": "trunk", "title": "后备箱", "format": "gallery"},
        {"id": "clip", "title": "视频", "format": "video"},
    ]
    repo.handbook("book", cover="cover.jpg", chapters=[{"id": "c", "title": "一", "modules": modules}])
    repo.write("handbooks/book/cover.jpg", photo((1600, 900)))
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), (10, 200, 10)).save(buffer, "PNG")
    repo.write("contributors/avatars/li-na.png", buffer.getvalue())
    front = {"status": "accepted", "contributors": ["li-na"], "claimed": "2026-11-01"}
    names = ["IMG_1.JPG", "IMG_2.jpeg", "IMG_3.jpg", "IMG_4.jpg"]
    photos = {name: photo((2400, 1800), gps=True, orientation=6 if i == 0 else 1) for i, name in enumerate(names)}
    gallery = {**front, "gallery": [{"file": n, "alt": f"第 {i} 张"} for i, n in enumerate(names)]}
    repo.module(
        "book", "trunk", gallery, "![正文里的图](IMG_3.jpg)\n", **{n.replace(".", "__"): d for n, d in photos.items()}
    )
    video = {**front, "video": {"file": "clip.mp4", "duration": 5, "poster": "poster.jpg"}}
    repo.module(
        "book",
        "clip",
        video,
        "看视频。\n",
        clip__mp4=b"\x00\x00\x00\x18ftypmp42" + bytes(64),
        poster__jpg=photo((1280, 720)),
    )
    return repo


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Repo, Site]:
    repo = gallery_repo(tmp_path_factory.mktemp("pictures") / "repo")
    return repo, repo.build(cache=True)


def test_the_site_ships_no_original_bytes(built: tuple[Repo, Site]) -> None:
    repo, site = built
    originals = {
        p.read_bytes() for p in (repo.root / "handbooks").rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png")
    }
    originals |= {p.read_bytes() for p in (repo.root / "contributors").rglob("*.png")}
    shipped = [p for p in site.all_files() if p.read_bytes() in originals]
    assert not shipped
    names = {p.name for p in site.all_files()}
    assert {
        "IMG_1.JPG.480w.webp",
        "IMG_1.JPG.1440w.webp",
        "IMG_1.JPG.1800w.webp",
        "cover.jpg.1600w.webp",
        "li-na.png.200w.webp",
    } <= names
    assert "IMG_1.JPG.2048w.webp" not in names  # 1800 px wide once upright: never upscaled


def test_gallery_points_at_versions_and_the_lightbox_at_the_largest(built: tuple[Repo, Site]) -> None:
    article = built[1].article("/book/trunk/")
    images = article.select("img.ch-gallery__photo")
    assert images[0]["src"] == "IMG_1.JPG.960w.webp" and images[0]["width"] == "1800" and images[0]["height"] == "2400"
    assert all(i.get("loading") == "lazy" for i in images)  # the body's photo comes first: it loads eagerly
    assert "IMG_2.jpeg.480w.webp 480w" in images[1]["srcset"] and images[1]["sizes"]
    assert [a["href"] for a in article.select("a.glightbox")][1:5] == [
        "IMG_1.JPG.1800w.webp", "IMG_2.jpeg.2048w.webp", "IMG_3.jpg.2048w.webp", "IMG_4.jpg.2048w.webp"
    ]  # fmt: skip
    inline = article.select_one('img[alt="正文里的图"]')
    assert inline is not None and inline["src"] == "IMG_3.jpg.960w.webp" and inline["fetchpriority"] == "high"
    assert inline.find_parent("a")["href"] == "IMG_3.jpg.2048w.webp"


def test_versions_carry_no_location(built: tuple[Repo, Site]) -> None:
    for path in built[1].root.rglob("*.webp"):
        with Image.open(path) as image:
            assert not image.getexif() and "xmp" not in image.info, path


def test_a_video_page_loads_no_video_before_play(built: tuple[Repo, Site]) -> None:
    video = built[1].article("/book/clip/").select_one("video")
    assert video["preload"] == "none" and video["poster"] == "poster.jpg.960w.webp"


def test_cover_avatar_and_print_edition_use_versions(built: tuple[Repo, Site]) -> None:
    site = built[1]
    assert site.article("/book/").select_one("img.ch-cover__image")["src"] == "cover.jpg.960w.webp"
    assert site.soup("/contributors/li-na/").select_one("img.ch-avatar")["src"].endswith("li-na.png.200w.webp")
    printed = [str(i["src"]) for i in site.article("/book/print/").select("img")]
    assert "../trunk/IMG_2.jpeg.2048w.webp" in printed and not any(".960w." in s for s in printed)


def test_two_builds_are_byte_identical_and_a_warm_build_encodes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = gallery_repo(tmp_path / "repo")
    first = {p.relative_to(repo.root / "site"): p.read_bytes() for p in repo.build(cache=True).all_files()}
    elsewhere = gallery_repo(tmp_path / "other")
    cold = {p.relative_to(elsewhere.root / "site"): p.read_bytes() for p in elsewhere.build(cache=False).all_files()}
    monkeypatch.setattr("cohandbook.plugin.images.encode", lambda *a: pytest.fail("encoded on a warm build"))
    warm = {p.relative_to(repo.root / "site"): p.read_bytes() for p in repo.build(cache=True).all_files()}
    assert first == warm == cold


def test_an_export_carries_the_versions_its_pages_name(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cohandbook.cli.main import cli

    repo = gallery_repo(tmp_path / "repo")
    repo.write_config()
    target = tmp_path / "export"
    result = CliRunner().invoke(cli, ["--root", str(repo.root), "export", str(target), "--today", "2026-11-22"])
    assert result.exit_code == 0, result.output
    names = {p.name for p in target.rglob("*") if p.is_file()}
    assert {"IMG_1.JPG.960w.webp", "IMG_2.jpeg.2048w.webp", "cover.jpg.960w.webp"} <= names
    assert not {"IMG_1.JPG", "IMG_2.jpeg", "cover.jpg"} & names


def test_a_photo_pillow_cannot_open_is_published_as_it_is_and_said(
    repo: Repo, caplog: pytest.LogCaptureFixture
) -> None:
    site = repo.build()
    assert (site.root / "guide/storage/p0.jpg").read_bytes() == b"\xff\xd8\xff\xe0 jpeg"
    assert "handbooks/guide/modules/storage/p0.jpg: 这张照片打不开" in caplog.text


def test_an_operators_resource_stays_the_file_the_operator_put_there(tmp_path: Path) -> None:
    """A labelled diagram for the creator (a `resources:` file) is linked as it is, not as a lossy WebP."""
    repo = gallery_repo(tmp_path / "repo")
    resource = {"title": "后备箱尺寸图", "file": "resources/trunk.png"}
    modules = [
        {"id": "trunk", "title": "后备箱", "format": "gallery", "resources": [resource]},
        {"id": "clip", "title": "视频", "format": "video"},
    ]
    repo.handbook("book", cover="cover.jpg", chapters=[{"id": "c", "title": "一", "modules": modules}])
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 2000), (200, 10, 10)).save(buffer, "PNG")
    repo.write("handbooks/book/resources/trunk.png", buffer.getvalue())
    site = repo.build(cache=False)
    folder = site.path("/book/").parent
    shipped = folder / "resources/trunk.png"
    assert shipped.is_file() and shipped.read_bytes() == buffer.getvalue()
    assert not [p for p in site.all_files() if p.name.startswith("trunk.png.")]
    assert (folder / "cover.jpg.960w.webp").is_file()  # the cover, which readers see, still has versions
