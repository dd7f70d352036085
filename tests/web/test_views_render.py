"""Each view of the web page renders in a real browser (Debian chromium) with no console errors;
screenshots go to tests/artifacts/."""
from __future__ import annotations

import pytest

from web_helpers import ARTIFACTS, open_view
from seed_data import seed_extraction

pytestmark = pytest.mark.browser
SEED = seed_extraction()


def test_article_view(page):
    open_view(page, f"/article/{SEED.article.id}")
    assert page.locator("h2").inner_text().startswith("Après sa rencontre")
    # the body is the article text, unchanged by the highlighting
    assert page.locator("#article-body").inner_text().strip() == SEED.article.text.strip()
    actors = page.locator("#article-body .ann.actor")
    assert actors.count() >= len(SEED.actors)
    hues = page.eval_on_selector_all(
        "#article-body .ann.actor", "els => Object.fromEntries(els.map(e => [e.dataset.country, e.style.getPropertyValue('--hue')]))")
    assert {"RUS", "PRK", "USA", "KOR"} <= set(hues) and hues["RUS"] != hues["PRK"]
    triggers = page.eval_on_selector_all("#article-body .ann.trigger", "els => [...new Set(els.map(e => e.dataset.event))]")
    assert len(triggers) == len(SEED.events)
    assert page.locator("#article-body .ann.time").count() >= len(SEED.times)
    quote = page.locator("#article-body .ann.quote").first
    assert "speaker: KCNA (PRKMED)" in quote.get_attribute("title")
    rows = page.locator("table.events tbody tr")
    assert rows.count() == len(SEED.events)
    target = page.locator('table.events tbody tr[data-event$="#3"]')
    target.click()
    detail = page.locator("#event-detail")
    assert detail.locator("mark").inner_text() == "a invité"
    assert "fr/events.yaml#test-036" in detail.inner_text() and "PRKMED" in detail.inner_text()
    assert page.locator("#article-body .ann.flash").count() == 1
    page.screenshot(path=str(ARTIFACTS / "article_view.png"), full_page=True)


def test_article_view_click_in_text(page):
    open_view(page, f"/article/{SEED.article.id}")
    page.locator('#article-body [data-event$="#6"]').first.click()
    assert "138" in page.locator("#event-detail").inner_text()
    assert page.locator('table.events tr.selected[data-event$="#6"]').count() == 1


def test_dyad_view(page):
    open_view(page, "/dyad?a=RUS&b=PRK&interval=month", "dyad_view")
    bars = page.locator("svg.timeline rect.bar")
    assert bars.count() == 4  # four months, all verbal cooperation
    assert page.locator("svg.timeline polyline.goldstein").count() == 1
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 7
    links = page.locator("table.events a.article-link")
    assert links.count() == 7
    links.first.click()
    page.wait_for_selector("#view[data-view=article][data-ready]")
    assert page.locator("#article-body").count() == 1


def test_dyad_view_conflict(page):
    open_view(page, "/dyad?a=USA&b=RUS&interval=day")
    assert page.locator("svg.timeline rect.bar.q3").count() == 2
    assert page.locator("table.events tbody tr").count() == 2


def test_network_view(page):
    open_view(page, "/network", "network_view")
    assert page.locator("svg.network g.node").count() == 4
    edges = page.locator("svg.network path.edge")
    assert edges.count() == 7
    colours = page.eval_on_selector_all("svg.network path.edge", "els => els.map(e => e.getAttribute('stroke'))")
    assert len(set(colours)) > 2  # coloured by mean Goldstein
    page.locator('svg.network g.node[data-node="RUS"]').click()
    page.wait_for_selector("table.neighbours tbody tr")
    assert page.locator("table.neighbours tbody tr").count() == 3
    page.screenshot(path=str(ARTIFACTS / "network_view_selected.png"), full_page=True)


def test_network_view_date_range(page):
    open_view(page, "/network?date_from=2023-10-01&date_to=2023-10-31")
    assert page.locator("svg.network path.edge").count() == 2


def test_search_view(page):
    open_view(page, "/search?actor=USA", "search_view")
    assert page.locator("table.events tbody tr").count() == 3
    assert page.locator("table.articles tbody tr").count() == 3  # each holds a USA event
    open_view(page, "/search?cameo=036")
    assert page.locator("table.articles tbody tr").count() == 1
    page.fill("input[name=cameo]", "")
    page.fill("input[name=q]", "cosmodrome")
    page.click("form.filters button")
    page.wait_for_function("location.hash.includes('q=cosmodrome')")
    page.wait_for_selector("#view[data-ready]")
    assert page.locator("table.events tbody tr").count() == 2
    assert page.locator("table.articles tbody tr").count() == 1


def test_search_view_bad_filter_shows_error(browser, server):
    """An API error is shown to the user (the console stays clean apart from the 422 itself)."""
    pg = browser.new_page()
    pg.goto(f"{server}/#/search?cameo=abc")
    pg.wait_for_selector("#view[data-ready]")
    assert "E703" in pg.locator("#error").inner_text()
    pg.close()
