"""Home per role (issue 21 item 8): the internal users without a home action
land where their role's work is (see models/res_users.py)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.users"].search([("share", "=", False)])._ps_set_role_home()
