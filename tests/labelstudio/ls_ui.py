"""Driving Label Studio 1.23's labeling UI with Playwright and real headless Chromium,
as a person would: log in on the login page, click a label, drag the mouse over words."""

from __future__ import annotations

from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# The client rectangle of the n-th occurrence of a string in the task text (the text
# nodes of the Text tag, so emoji and regions already drawn don't matter).
_SPAN_RECT_JS = """([needle, nth]) => {
  const root = document.querySelector('.lsf-richtext__container');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = []; let text = '';
  while (walker.nextNode()) {
    nodes.push([walker.currentNode, text.length]);
    text += walker.currentNode.data;
  }
  let at = -1;
  for (let i = 0; i <= nth; i++) { at = text.indexOf(needle, at + 1); if (at < 0) return null; }
  const locate = (pos, isEnd) => {
    for (const [node, start] of nodes) {
      const len = node.data.length;
      if (pos < start + len || (isEnd && pos === start + len)) return [node, pos - start];
    }
    return null;
  };
  const [sn, so] = locate(at, false); const [en, eo] = locate(at + needle.length, true);
  const range = document.createRange(); range.setStart(sn, so); range.setEnd(en, eo);
  const rects = range.getClientRects();
  const first = rects[0], last = rects[rects.length - 1];
  return {x1: first.left, y1: first.top + first.height / 2,
          x2: last.right, y2: last.top + last.height / 2};
}"""


def login(page: Any, url: str, email: str, password: str) -> None:
    """Log in through Label Studio's login page."""
    page.goto(f"{url}/user/login/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda current: "/user/login" not in current, timeout=30_000)


def open_task(page: Any, url: str, project_id: int, task_id: int) -> None:
    """Open a task in the labeling editor and wait until its labels show."""
    page.goto(f"{url}/projects/{project_id}/data?task={task_id}")
    page.locator(".lsf-label").first.wait_for(timeout=60_000)
    page.locator(".lsf-richtext__container").wait_for(timeout=30_000)


def label_next_task(page: Any, url: str, project_id: int) -> None:
    """Start the project's labeling stream ("Label All Tasks"), as an annotator does: Label
    Studio hands out the next task this user has not annotated, with a fresh annotation."""
    page.goto(f"{url}/projects/{project_id}/data?labeling=1")
    page.locator(".lsf-label").first.wait_for(timeout=60_000)
    page.locator(".lsf-richtext__container").wait_for(timeout=30_000)


def drag_over(page: Any, text: str, nth: int = 0) -> None:
    """Select ``text`` in the task text with a mouse drag (press, move, release)."""
    rect = page.evaluate(_SPAN_RECT_JS, [text, nth])
    assert rect is not None, f"{text!r} is not in the task text"
    page.mouse.move(rect["x1"] + 1, rect["y1"])
    page.mouse.down()
    page.mouse.move((rect["x1"] + rect["x2"]) / 2, (rect["y1"] + rect["y2"]) / 2, steps=5)
    page.mouse.move(rect["x2"] - 1, rect["y2"], steps=5)
    page.mouse.up()


def label_span(page: Any, label: str, text: str, nth: int = 0) -> None:
    """Click the label button, then drag over ``text``: one new region."""
    page.locator(".lsf-label", has_text=label).first.click()
    drag_over(page, text, nth)
    page.locator(".lsf-panel-tabs__tab", has_text="Regions").first.click()
    page.locator(".lsf-outliner-item", has_text=text).first.wait_for(timeout=10_000)


def select_region(page: Any, text: str) -> None:
    """Select the region showing ``text`` in the Regions panel (its details appear).

    Clicking a selected region unselects it, so a selected one is left as it is."""
    page.locator(".lsf-panel-tabs__tab", has_text="Regions").first.click()
    item = page.locator(".lsf-outliner-item", has_text=text).first
    node = page.locator(".lsf-tree-treenode", has=item).first
    if "lsf-tree-treenode-selected" not in (node.get_attribute("class") or ""):
        item.click()


def relate(page: Any, head: str, tail: str, label: str) -> None:
    """Draw a relation from the region of ``head`` to the region of ``tail``; label it."""
    select_region(page, head)
    page.get_by_label("Create Relation").click()
    page.locator(".htx-highlight", has_text=tail).first.click()
    page.locator(".lsf-panel-tabs__tab", has_text="Relations").first.click()
    item = page.locator(".lsf-relations__item").last
    item.hover()
    item.get_by_label("Show Relation Labels").click()
    page.get_by_text("Select labels").last.click()
    page.get_by_text(label, exact=True).last.click()
    page.keyboard.press("Escape")


def submit(page: Any) -> None:
    """Submit the annotation and wait until Label Studio has saved it."""
    with page.expect_response(
        lambda r: "/annotations" in r.url and r.request.method == "POST", timeout=30_000
    ) as saved:
        page.get_by_label("Submit current annotation").click()
    assert saved.value.ok, saved.value.status
