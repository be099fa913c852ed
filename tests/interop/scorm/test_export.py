"""The two ways to a SCORM package: `trainer export scorm` and the trainers' download."""

import io
import zipfile

from trainer.modules.courses import catalogue


def test_export_scorm_writes_the_language_s_package(runner, tmp_path):
    target = tmp_path / "course.zip"
    result = runner.invoke(args=["export", "scorm", "--language", "sv", "--output", str(target)])
    assert result.exit_code == 0, result.output
    modules = catalogue().course("sv").modules
    assert f"Wrote {target} ({len(modules)} modules" in result.output
    with zipfile.ZipFile(target) as package:
        names = package.namelist()
        assert "imsmanifest.xml" in names
        assert {f"{module.id}/index.html" for module in modules} <= set(names)
        assert '<html lang="sv">' in package.read(f"{modules[0].id}/index.html").decode()


def test_images_of_the_lessons_travel_in_the_package(auth, client, users):
    auth.login("trainer")
    response = client.get("/interop/scorm/en.zip")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert (
        response.headers["Content-Disposition"] == 'attachment; filename="trainer-scorm12-en.zip"'
    )
    with zipfile.ZipFile(io.BytesIO(response.data)) as package:
        pages = "".join(
            package.read(name).decode() for name in package.namelist() if name.endswith(".html")
        )
        images = [name for name in package.namelist() if name.startswith("shared/images/")]
    assert images, "the test course's image is not in the package"
    assert all(f'src="../{name}"' in pages for name in images)
    assert 'src="/content/images/' not in pages


def test_a_language_the_course_lacks_is_not_found(auth, client, users):
    auth.login("trainer")
    assert client.get("/interop/scorm/de.zip").status_code == 404
    page = client.get("/interop/scorm").get_data(as_text=True)
    assert all(f"/interop/scorm/{code}.zip" in page for code in ("fi", "sv", "en"))
