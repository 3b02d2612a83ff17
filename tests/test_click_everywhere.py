"""Every menu, view, filter and group-by of the suite's apps works for every role.

Each demo role (the users of the demo story) opens each suite app it has:

- in CI, a light pass per (role, app): every menu of the app opened, every
  filter of its search view toggled, and every group-by it offers toggled in
  the menu's first view (date group-bys at each interval)
  (``ps_dashboard/static/tests/click_menus.js``);
- with ``bin/test -m click_all``, the full pass per (role, app): every
  group-by in every view of every menu, and Odoo's own click-everywhere bot
  (``@web/webclient/clickbot``, as ``web/tests/test_click_everywhere.py`` runs
  it: every menu, every view switch, every filter). Too long for CI.

Each (role, app) pair is its own test, so that every failing pair is reported.
Which apps each role has is asserted too: a role that gains or loses an app
fails ``test_each_role_has_its_apps`` until the matrix below (the README's
role table) says so.
"""

import logging
import time

import pytest

from odoo.tests import HttpCase, tagged

_logger = logging.getLogger(__name__)

# The apps the suite adds or extends (root menus' XML ids), and the ones each
# demo role reaches (README, "Demo: log in as each role" and "Roles").
COCKPIT = "ps_dashboard.ps_dashboard_menu_root"
APPROVALS = "ps_dashboard.ps_approval_menu_root"
CRM = "crm.crm_menu_root"
CONTRACTS = "ps_contract.ps_contract_menu_root"
FINANCE = "ps_expense_finance.ps_expense_finance_menu_root"
VAULT = "ps_knowledge.ps_knowledge_menu_root"
PROJECT = "project.menu_main_pm"
TIMESHEETS = "hr_timesheet.timesheet_menu_root"
EXPENSES = "hr_expense.menu_hr_expense_root"
SUITE_APPS = (COCKPIT, APPROVALS, CRM, CONTRACTS, FINANCE, VAULT, PROJECT, TIMESHEETS, EXPENSES)
ROLE_APPS = {
    "ceo": SUITE_APPS,
    "salesdir": (APPROVALS, CRM, CONTRACTS, VAULT, EXPENSES),
    "sales": (APPROVALS, CRM, CONTRACTS, VAULT, EXPENSES),
    "pmo": (APPROVALS, CONTRACTS, FINANCE, VAULT, PROJECT, TIMESHEETS, EXPENSES),
    "pm": (APPROVALS, FINANCE, VAULT, PROJECT, TIMESHEETS, EXPENSES),
    "consultant": (APPROVALS, VAULT, PROJECT, TIMESHEETS, EXPENSES),
    "finance": (APPROVALS, CONTRACTS, FINANCE, VAULT, EXPENSES),
}
# Menus that leave the web client or only download a file.
OPENED_ACTION_TYPES = ("ir.actions.act_window", "ir.actions.client")


class ClickCase(HttpCase):
    allow_end_on_form = True

    def _user(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, f"the demo user {login}")
        user.tour_enabled = False
        return user

    def _menus(self, user):
        return self.env["ir.ui.menu"].with_user(user).load_menus(False)

    def _app_actions(self, user, app_xmlid):
        """The actions of the app's menus the user sees, in menu order:
        [[action id, 'App / Menu / Submenu'], ...]."""
        menus = self._menus(user)
        app = next(m for m in menus.values() if isinstance(m, dict) and m.get("xmlid") == app_xmlid)
        actions, seen = [], set()

        def walk(menu, path):
            label = f"{path} / {menu['name']}" if path else menu["name"]
            model, _sep, action_id = (menu.get("action") or "").partition(",")
            if model in OPENED_ACTION_TYPES and int(action_id) not in seen:
                seen.add(int(action_id))
                actions.append([int(action_id), label])
            for child in menu["children"]:
                walk(menus[child], label)

        walk(app, "")
        return actions

    def _click_menus(self, login, app_xmlid, filters=True, group_bys=True, all_views=True):
        user = self._user(login)
        actions = self._app_actions(user, app_xmlid)
        self.assertTrue(actions, f"{login} has menus to open in {app_xmlid}")
        start = time.time()
        self.browser_js(
            "/odoo",
            f"window.psClickMenus({actions!r}, "
            f"{{filters: {str(filters).lower()}, groupBys: {str(group_bys).lower()}, "
            f"allViews: {str(all_views).lower()}}});",
            "odoo.isReady === true && window.psClickMenus !== undefined",
            login=login,
            timeout=900,
            success_signal="ps click menus succeeded",
        )
        _logger.warning(
            "menus%s%s: %s in %s, %s actions, %.0f s",
            " and filters" if filters else "",
            (" and group-bys" + (" in every view" if all_views else "")) if group_bys else "",
            login,
            app_xmlid,
            len(actions),
            time.time() - start,
        )

    def _clickbot(self, login, app_xmlid):
        self._user(login)
        start = time.time()
        self.browser_js(
            "/odoo",
            "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
            f".startClickEverywhere('{app_xmlid}');",
            "odoo.isReady === true",
            login=login,
            timeout=1200,
            success_signal="clickbot test succeeded",
        )
        _logger.info("clickbot: %s in %s, %.0f s", login, app_xmlid, time.time() - start)


def _pair_name(login, app_xmlid):
    return f"{login}_{app_xmlid.split('.')[0]}_{app_xmlid.split('.')[1]}"


@tagged("post_install", "-at_install")
class TestMenusAndGroupBys(ClickCase):
    def test_each_role_has_its_apps(self):
        for login, expected in ROLE_APPS.items():
            menus = self._menus(self._user(login))
            apps = {menus[app_id]["xmlid"] for app_id in menus["root"]["children"]}
            self.assertEqual(
                sorted(apps & set(SUITE_APPS)), sorted(expected), f"suite apps of {login}"
            )


@tagged("post_install", "-at_install")
class TestClickEverywhere(ClickCase):
    """Every (role, app) pair: group-bys in every view, and Odoo's clickbot
    (``bin/test -m click_all``)."""


for _login, _apps in ROLE_APPS.items():
    for _app in _apps:

        def _light(self, login=_login, app=_app):
            self._click_menus(login, app, all_views=False)

        def _group_bys(self, login=_login, app=_app):
            self._click_menus(login, app, filters=False)

        def _clickbot(self, login=_login, app=_app):
            self._clickbot(login, app)

        _pair = _pair_name(_login, _app)
        setattr(TestMenusAndGroupBys, f"test_menus_{_pair}", _light)
        setattr(TestClickEverywhere, f"test_group_bys_{_pair}", pytest.mark.click_all(_group_bys))
        setattr(TestClickEverywhere, f"test_clickbot_{_pair}", pytest.mark.click_all(_clickbot))
