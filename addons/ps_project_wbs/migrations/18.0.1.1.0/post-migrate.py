"""Earned value (issue 17): tasks baselined before the baseline kept their
start get their planned start as baseline start (the closest record of the
plan there is), so that the planned value spreads their budget over their
baseline days instead of placing it on their deadline.

Menus per role (issue 24): the users who manage a project get the new
Project Manager group, so that they keep Project Finance and their dashboard."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE project_task
           SET ps_baseline_date_start = ps_date_start
         WHERE ps_baseline_date_start IS NULL
           AND ps_baseline_deadline IS NOT NULL
           AND ps_date_start IS NOT NULL
           AND ps_date_start <= ps_baseline_deadline
        """
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    group = env.ref("ps_project_wbs.group_ps_project_manager", raise_if_not_found=False)
    managers = (
        env["project.project"].with_context(active_test=False).search([("user_id", "!=", False)])
    ).user_id.filtered(lambda u: u.active and not u.share)
    if group and managers:
        group.write({"users": [(4, user.id) for user in managers]})
