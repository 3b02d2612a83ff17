"""The suite addons together (the six and their base, ps_base): dependency graph, role
hierarchy, root menus per role."""

from odoo.tests import TransactionCase, new_test_user, tagged

SUITE = {
    "ps_base",
    "ps_crm",
    "ps_project_wbs",
    "ps_contract",
    "ps_expense_finance",
    "ps_knowledge",
    "ps_dashboard",
}

# DESIGN.md's module map: each suite addon and the suite addons it depends on.
SUITE_DEPENDS = {
    "ps_base": set(),
    "ps_crm": {"ps_base"},
    "ps_project_wbs": {"ps_base"},
    "ps_contract": {"ps_crm", "ps_project_wbs"},
    "ps_knowledge": {"ps_crm", "ps_project_wbs"},
    "ps_expense_finance": {"ps_contract"},
    "ps_dashboard": {"ps_expense_finance", "ps_knowledge"},
}

ROOT_MENUS = {
    "contracts": "ps_contract.ps_contract_menu_root",
    "finance": "ps_expense_finance.ps_expense_finance_menu_root",
    "vault": "ps_knowledge.ps_knowledge_menu_root",
    "cockpit": "ps_dashboard.ps_dashboard_menu_root",
    "crm": "crm.crm_menu_root",
    "project": "project.menu_main_pm",
}


@tagged("post_install", "-at_install")
class TestSuite(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        roles = {
            "employee": "base.group_user",
            "salesperson": "sales_team.group_sale_salesman",
            "pmo": "project.group_project_manager",
            "member": "project.group_project_user",
            "finance": "ps_contract.group_ps_finance",
            "accountant": "account.group_account_manager",
            "executive": "ps_dashboard.group_ps_executive",
            "implementer": "base.group_system",
        }
        cls.users = {
            role: new_test_user(cls.env, f"ps_suite_{role}", groups=f"base.group_user,{group}")
            for role, group in roles.items()
        }

    def test_all_six_installed_with_designed_dependencies(self):
        modules = self.env["ir.module.module"].search([("name", "in", list(SUITE))])
        self.assertEqual(set(modules.mapped("name")), SUITE)
        for module in modules:
            self.assertEqual(module.state, "installed", module.name)
            self.assertEqual(module.license, "LGPL-3", module.name)
            self.assertEqual(module.installed_version.split(".")[:2], ["18", "0"], module.name)
            suite_deps = set(module.dependencies_id.mapped("name")) & SUITE
            self.assertEqual(suite_deps, SUITE_DEPENDS[module.name], module.name)

    def test_role_hierarchy(self):
        """Implied groups give each role of DESIGN.md what it needs, and no more."""
        expectations = {
            # role: (groups it must have, groups it must not have)
            "executive": (
                [
                    "sales_team.group_sale_manager",
                    "project.group_project_manager",
                    "account.group_account_readonly",
                ],
                ["ps_contract.group_ps_finance", "base.group_system"],
            ),
            "accountant": (["ps_contract.group_ps_finance", "account.group_account_invoice"], []),
            "finance": (
                ["account.group_account_invoice"],
                ["account.group_account_manager", "ps_dashboard.group_ps_executive"],
            ),
            "implementer": (["ps_knowledge.group_ps_knowledge_manager"], []),
            "salesperson": (
                [],
                [
                    "sales_team.group_sale_manager",
                    "ps_contract.group_ps_finance",
                    "ps_knowledge.group_ps_knowledge_manager",
                ],
            ),
            "pmo": (["project.group_project_user"], ["ps_dashboard.group_ps_executive"]),
            "employee": (
                [],
                [
                    "ps_contract.group_ps_finance",
                    "ps_knowledge.group_ps_knowledge_manager",
                    "ps_dashboard.group_ps_executive",
                ],
            ),
        }
        for role, (has, has_not) in expectations.items():
            user = self.users[role]
            for group in has:
                self.assertTrue(user.has_group(group), f"{role} should have {group}")
            for group in has_not:
                self.assertFalse(user.has_group(group), f"{role} must not have {group}")

    def test_suite_groups_share_one_category(self):
        category = self.env.ref("ps_crm.module_category_professional_services")
        for xmlid in (
            "ps_contract.group_ps_finance",
            "ps_knowledge.group_ps_knowledge_manager",
            "ps_dashboard.group_ps_executive",
        ):
            self.assertEqual(self.env.ref(xmlid).category_id, category, xmlid)

    def test_root_menus_per_role(self):
        """Each role sees the apps it works in, and not the others."""
        visible = {
            "employee": {"vault"},
            "salesperson": {"contracts", "vault", "crm"},
            "pmo": {"contracts", "finance", "vault", "project"},
            "member": {"vault", "project"},
            "finance": {"contracts", "finance", "vault"},
            "executive": set(ROOT_MENUS),
        }
        menus = {key: self.env.ref(xmlid) for key, xmlid in ROOT_MENUS.items()}
        for role, expected in visible.items():
            menu_ids = self.env["ir.ui.menu"].with_user(self.users[role])._visible_menu_ids()
            seen = {key for key, menu in menus.items() if menu.id in menu_ids}
            self.assertEqual(seen, expected, role)
