from collections import defaultdict

from odoo import api, models

# Where each role lands after logging in (its work), the first group that
# matches: the executive on the Cockpit, those who decide on the Approvals
# inbox, project managers on their cockpit, salespeople on their pipeline,
# project members on their tasks. Everyone else keeps Odoo's default (Discuss).
ROLE_HOMES = (
    ("ps_dashboard.group_ps_executive", "ps_dashboard.ps_cockpit_action"),
    ("ps_contract.group_ps_finance", "ps_dashboard.ps_approval_item_action"),
    ("project.group_project_manager", "ps_dashboard.ps_approval_item_action"),
    ("sales_team.group_sale_manager", "ps_dashboard.ps_approval_item_action"),
    ("ps_project_wbs.group_ps_project_manager", "ps_dashboard.ps_my_cockpit_action"),
    ("sales_team.group_sale_salesman", "crm.crm_lead_action_pipeline"),
    ("project.group_project_user", "project.action_view_my_task"),
)


class ResUsers(models.Model):
    _inherit = "res.users"

    def _ps_role_homes(self):
        """The home actions the suite sets by role (xml id -> record)."""
        return {
            xmlid: self.env.ref(xmlid, raise_if_not_found=False)
            for xmlid in {action for _group, action in ROLE_HOMES}
        }

    def _ps_set_role_home(self):
        """Each internal user lands where their work is: the home action of
        their role. A home action chosen by hand (anything but one of these)
        is kept; a role change moves the user to the new role's home."""
        homes = self._ps_role_homes()
        ours = {action.id for action in homes.values() if action}
        groups = {
            xmlid: self.env.ref(xmlid, raise_if_not_found=False)
            for xmlid in {group for group, _action in ROLE_HOMES}
        }
        moving = defaultdict(lambda: self.env["res.users"])
        for user in self.sudo():
            if user.share or (user.action_id and user.action_id.id not in ours):
                continue
            home = next(
                (
                    homes[action]
                    for group, action in ROLE_HOMES
                    if groups[group] and homes[action] and groups[group] in user.groups_id
                ),
                self.env["ir.actions.actions"],
            )
            if user.action_id.id != home.id:
                moving[home.id] |= user
        # one write per home (the install's hook passes every user)
        for home_id, users in moving.items():
            users.write({"action_id": home_id or False})

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users.filtered(lambda u: not u.action_id)._ps_set_role_home()
        return users

    def write(self, vals):
        res = super().write(vals)
        if any(key == "groups_id" or key.startswith(("in_group_", "sel_groups_")) for key in vals):
            self._ps_set_role_home()
        return res
