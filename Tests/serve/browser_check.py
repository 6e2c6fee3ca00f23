"""End-to-end check of the what-if page (model.md §21, issue 20) in headless Chromium (Debian's
chromium and chromium-driver, driven by Selenium; nothing is downloaded).

It starts `fiscal-sim-serve` on a free loopback port, loads the page, changes the first band
rate, waits for the summary to update and checks the shown reform effect against `fiscal-sim
run` of the shipped scenario with that change written as a variant by this script; checks the
inline validation message, the shareable URL, Download and Save scenario; switches to Chinese;
starts and cancels a Monte Carlo job and runs a small one to the end; draws the range view;
and checks that a street and district named `<img src=x onerror=alert(1)>` show as text. It
takes the screenshot committed as docs/whatif.png (with --screenshot).

    browser_check.py --serve .build/debug/fiscal-sim-serve --cli .build/debug/fiscal-sim [--screenshot docs/whatif.png]
"""
import argparse
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from served import Served  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HOSTILE = "<img src=x onerror=alert(1)>"
CHECKS = []


ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def check(condition, what):
    CHECKS.append(what)
    if not condition:
        raise AssertionError(what)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1900", "--lang=en-US"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait(driver, condition, what, timeout=60):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: condition(d))
    except Exception as error:
        raise AssertionError(f"timed out waiting for {what}: {error}") from None


def runs(driver):
    return int(driver.execute_script("return document.body.dataset.runs || '0'"))


def shown(driver, element_id):
    return driver.find_element(By.ID, element_id).get_attribute("data-value")


def lever_input(driver, path):
    return driver.find_element(By.CSS_SELECTOR, f'.lever[data-path="{path}"] input')


def type_into(element, text):
    element.clear()
    element.send_keys(text)


def cli_reform_effect(cli, change, value):
    """`fiscal-sim run` of the shipped scenario with `change: value` as a variant written here
    (the variants list is the file's last section): Σ over years of the variant's rounded
    reform_effect cells, as the CLI's summary prints it."""
    folder = tempfile.mkdtemp(prefix="fiscal-sim-browser-")
    try:
        shutil.copytree(os.path.join(REPO, "scenarios", "data"), os.path.join(folder, "data"))
        with open(os.path.join(REPO, "scenarios", "siming-pilot.yaml"), encoding="utf-8") as source:
            text = source.read()
        text = text.rstrip("\n") + f"\n  - name: browser-check\n    set: {{{change}: {value}}}\n"
        scenario = os.path.join(folder, "check.yaml")
        with open(scenario, "w", encoding="utf-8") as target:
            target.write(text)
        subprocess.run([cli, "run", scenario, "--out", os.path.join(folder, "out"), "--quiet"], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(folder, "out", "districts.csv"), encoding="utf-8-sig") as table:
            return sum((Decimal(row["reform_effect"]) for row in csv.DictReader(table) if row["variant"] == "browser-check"), Decimal("0"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_download(cli, url, query):
    """The page's Download link gives the run folder of `fiscal-sim run --xlsx` of its Save
    scenario file, saved beside the scenario's data: every file equal."""
    with urllib.request.urlopen(f"{url}api/download?{query}&format=yaml") as answer:
        saved = answer.read()
    with urllib.request.urlopen(f"{url}api/download?{query}") as answer:
        archive = zipfile.ZipFile(io.BytesIO(answer.read()))
    check(archive.testzip() is None, "the download is a valid ZIP")
    folder = tempfile.mkdtemp(prefix="fiscal-sim-download-")
    try:
        shutil.copytree(os.path.join(REPO, "scenarios", "data"), os.path.join(folder, "scenarios", "data"))
        with open(os.path.join(folder, "scenarios", "siming-pilot-what-if.yaml"), "wb") as target:
            target.write(saved)
        subprocess.run([cli, "run", "scenarios/siming-pilot-what-if.yaml", "--xlsx", "--out", "out", "--quiet"],
                       check=True, cwd=folder, stdout=subprocess.DEVNULL)
        names = sorted(os.listdir(os.path.join(folder, "out")))
        zipped = sorted(name.split("/", 1)[1] for name in archive.namelist())
        check(names == zipped, f"the ZIP holds the run folder's files ({zipped} vs {names})")
        for name in names:
            with open(os.path.join(folder, "out", name), "rb") as written:
                same = written.read() == archive.read(f"siming-pilot-what-if/{name}")
            check(same, f"{name} in the ZIP equals fiscal-sim run's")
        return len(names)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def hostile_scenario(folder):
    """The shipped scenario with a street and its district named HOSTILE."""
    os.makedirs(os.path.join(folder, "data"))
    with open(os.path.join(REPO, "scenarios", "data", "siming-streets.csv"), encoding="utf-8") as source:
        streets = source.read().replace("厦港", HOSTILE.replace("alert(1)", "alert(2)"), 1)
    with open(os.path.join(folder, "data", "siming-streets.csv"), "w", encoding="utf-8") as target:
        target.write(streets)
    with open(os.path.join(REPO, "scenarios", "siming-pilot.yaml"), encoding="utf-8") as source:
        text = source.read().replace("name: 思明区", f'name: "{HOSTILE}"', 1)
    path = os.path.join(folder, "hostile.yaml")
    with open(path, "w", encoding="utf-8") as target:
        target.write(text)
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", required=True)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--screenshot")
    arguments = parser.parse_args()
    arguments.cli, arguments.serve = os.path.abspath(arguments.cli), os.path.abspath(arguments.serve)
    started = time.time()
    driver = browser()
    try:
        with Served(arguments.serve) as server:
            driver.get(server.url)
            wait(driver, lambda d: runs(d) >= 1, "the first run")
            baseline = shown(driver, "reform-effect")
            check(Decimal(baseline) == cli_reform_effect(arguments.cli, "rebate.bands.0.rate", "0.3"), "the unchanged reform effect is fiscal-sim run's")

            # Change the first band rate: the summary updates and equals `fiscal-sim run`.
            before = runs(driver)
            type_into(lever_input(driver, "rebate.bands.0.rate"), "0.35")
            wait(driver, lambda d: runs(d) > before and shown(d, "reform-effect") != baseline, "the summary to update")
            effect = shown(driver, "reform-effect")
            expected = cli_reform_effect(arguments.cli, "rebate.bands.0.rate", "0.35")
            check(Decimal(effect) == expected, f"shown reform effect {effect} equals fiscal-sim run's {expected}")
            check("rebate.bands.0.rate=0.35" in driver.current_url, "the URL holds the change")

            # An invalid value: the validator's message next to the lever, the last good result kept.
            type_into(lever_input(driver, "rebate.bands.1.rate"), "1.5")
            message = wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, '.lever[data-path="rebate.bands.1.rate"] .lever-error').text, "the inline message")
            check("between 0 and 1" in message, f"inline validation message: {message}")
            check(shown(driver, "reform-effect") == effect, "the last good result stays on screen")
            type_into(lever_input(driver, "rebate.bands.1.rate"), "0.4")
            wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, '.lever[data-path="rebate.bands.1.rate"] .lever-error').text == "", "the message to clear")

            # The shareable URL reopens the same view.
            shared = driver.current_url
            driver.get(shared)
            wait(driver, lambda d: runs(d) >= 1, "the shared view")
            check(lever_input(driver, "rebate.bands.0.rate").get_attribute("value") == "0.35", "the shared URL restores the lever")
            check(shown(driver, "reform-effect") == effect, "the shared URL shows the same answer")

            # Download and Save scenario: the run folder of `fiscal-sim run` of the saved file.
            query = shared.split("?", 1)[1]
            files = check_download(arguments.cli, server.url, query)

            # Chinese.
            driver.find_element(By.ID, "lang-toggle").click()
            wait(driver, lambda d: d.execute_script("return document.documentElement.lang") == "zh-CN", "Chinese")
            check("政策杠杆" in driver.find_element(By.TAG_NAME, "body").text, "Chinese headings")
            check("返还比例（第1档）" in driver.find_element(By.CSS_SELECTOR, '.lever[data-path="rebate.bands.0.rate"]').text, "Chinese lever labels")
            check("lang=zh" in driver.current_url, "the URL holds the language")

            # Monte Carlo: start a large job and cancel it, then run a small one to the end.
            type_into(driver.find_element(By.ID, "mc-paths"), "300000")
            driver.find_element(By.ID, "mc-start").click()
            wait(driver, lambda d: d.find_element(By.ID, "mc-status").get_attribute("data-status") in ("queued", "running"), "the job to start")
            driver.find_element(By.ID, "mc-cancel").click()
            wait(driver, lambda d: d.find_element(By.ID, "mc-status").get_attribute("data-status") == "cancelled", "the job to be cancelled")
            type_into(driver.find_element(By.ID, "mc-paths"), "1000")
            driver.find_element(By.ID, "mc-start").click()
            wait(driver, lambda d: d.find_element(By.ID, "mc-status").get_attribute("data-status") == "done", "the small job", timeout=120)
            check(len(driver.find_elements(By.CSS_SELECTOR, "#mc-table tr")) >= 4, "the Monte Carlo summary")
            probability = driver.find_element(By.CSS_SELECTOR, '#mc-probability p[data-district="all"]').get_attribute("data-value")
            check(0 <= float(probability) <= 1, f"the probability that the reform effect is negative: {probability}")

            # The range view.
            driver.find_element(By.ID, "range-run").click()
            wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#range-table tr")) == 12, "the range view")

            errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
            check(not [e for e in errors if "Content Security Policy" in e], f"no CSP violations: {errors}")
            if arguments.screenshot:
                driver.find_element(By.ID, "lang-toggle").click()
                wait(driver, lambda d: d.execute_script("return document.documentElement.lang") == "en", "English again")
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(1400, min(height + 40, 4000))
                time.sleep(0.5)
                driver.save_screenshot(arguments.screenshot)

        # Evidence-gated waves (model.md §20): the thresholds are levers, the adoption-year chart is
        # drawn, and a threshold no pilot reaches moves the member streets' adoption to the deadline.
        with Served(arguments.serve, scenario=os.path.join(ROOT, "scenarios", "siming-rollout.yaml")) as server:
            driver.get(server.url)
            wait(driver, lambda d: runs(d) >= 1, "the roll-out scenario's first run")
            check(driver.find_element(By.ID, "waves-figure").is_displayed(), "the adoption-year chart is shown")
            adoption = "return Chart.getChart('chart-waves').data.datasets[0].data"
            gated = driver.execute_script(adoption)
            before = runs(driver)
            type_into(lever_input(driver, "rollout.waves.expand.when.above"), "99")
            wait(driver, lambda d: runs(d) > before and d.execute_script(adoption) != gated, "the adoption years to move")
            late = driver.execute_script(adoption)
            check(max(y for y in late if y is not None) == 2031, f"with an unreachable threshold the wave adopts at its deadline 2031: {late}")

        # A street and district named like an HTML tag show as text; no script runs.
        folder = tempfile.mkdtemp(prefix="fiscal-sim-hostile-")
        try:
            with Served(arguments.serve, scenario=hostile_scenario(folder)) as server:
                driver.get(server.url)
                wait(driver, lambda d: runs(d) >= 1, "the hostile scenario's run")
                time.sleep(0.5)
                try:
                    driver.switch_to.alert
                    check(False, "no alert opened")
                except NoAlertPresentException:
                    pass
                check(driver.execute_script("return document.querySelectorAll('img').length") == 0, "no <img> element in the page")
                check(HOSTILE in driver.find_element(By.ID, "cards").text, "the district name shows as text")
                check(HOSTILE in driver.find_element(By.CSS_SELECTOR, ".lever-label").text or
                      HOSTILE in driver.find_element(By.ID, "levers").text, "the district's lever label shows as text")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        driver.quit()
    print(f"browser-check: {len(CHECKS)} checks passed ({files} downloaded files equal fiscal-sim run's) in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
