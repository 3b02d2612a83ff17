"""Every role lands where its work is (issue 21 item 8)."""

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRoleHome(TransactionCase):
    def _home(self, user):
        return user.action_id.id

    def test_each_role_lands_on_its_work(self):
        ref = self.env.ref
        cases = {
            "base.group_user,project.group_project_user": "project.action_view_my_task",
            "base.group_user,sales_team.group_sale_salesman": "crm.crm_lead_action_pipeline",
            "base.group_user,project.group_project_user,ps_project_wbs.group_ps_project_manager": (
                "ps_dashboard.ps_my_cockpit_action"
            ),
            "base.group_user,project.group_project_manager": "ps_dashboard.ps_approval_item_action",
            "base.group_user,sales_team.group_sale_manager": "ps_dashboard.ps_approval_item_action",
            "base.group_user,ps_contract.group_ps_finance": "ps_dashboard.ps_approval_item_action",
            "base.group_user,ps_dashboard.group_ps_executive": "ps_dashboard.ps_cockpit_action",
        }
        for index, (groups, action) in enumerate(cases.items()):
            user = new_test_user(self.env, login=f"ps_home_{index}", groups=groups)
            self.assertEqual(self._home(user), ref(action).id, groups)
        plain = new_test_user(self.env, login="ps_home_plain", groups="base.group_user")
        self.assertFalse(self._home(plain))
        portal = new_test_user(self.env, login="ps_home_portal", groups="base.group_portal")
        self.assertFalse(self._home(portal))

    def test_a_new_role_moves_the_home_a_chosen_one_stays(self):
        user = new_test_user(
            self.env, login="ps_home_member", groups="base.group_user,project.group_project_user"
        )
        user.write(
            {"groups_id": [Command.link(self.env.ref("ps_dashboard.group_ps_executive").id)]}
        )
        self.assertEqual(self._home(user), self.env.ref("ps_dashboard.ps_cockpit_action").id)
        # A home chosen by hand (or by the user's administrator) is theirs.
        chosen = self.env.ref("project.open_view_project_all")
        user.action_id = chosen.id
        user.write(
            {"groups_id": [Command.unlink(self.env.ref("ps_dashboard.group_ps_executive").id)]}
        )
        self.assertEqual(self._home(user), chosen.id)

    def test_the_demo_roles_land_on_their_work(self):
        expected = {
            "ceo": "ps_dashboard.ps_cockpit_action",
            "salesdir": "ps_dashboard.ps_approval_item_action",
            "sales": "crm.crm_lead_action_pipeline",
            "pmo": "ps_dashboard.ps_approval_item_action",
            "pm": "ps_dashboard.ps_my_cockpit_action",
            "consultant": "project.action_view_my_task",
            "finance": "ps_dashboard.ps_approval_item_action",
        }
        users = self.env["res.users"].search([("login", "in", list(expected))])
        self.assertEqual(len(users), len(expected), "the demo role users")
        for user in users:
            self.assertEqual(self._home(user), self.env.ref(expected[user.login]).id, user.login)
