from odoo import api, models
from odoo.exceptions import AccessError


class PsCockpit(models.AbstractModel):
    """Server side of the executive cockpit (no table: figures come from the apps)."""

    _name = "ps.cockpit"
    _description = "Executive Cockpit"

    @api.model
    def _cockpit_cards(self):
        """Cards of the cockpit: key, label, model and the domain behind the figure."""
        return [
            ("contracts", self.env._("Contracts"), "ps.contract", []),
            ("projects", self.env._("Projects"), "project.project", []),
            (
                "opportunities",
                self.env._("Open Opportunities"),
                "crm.lead",
                [("type", "=", "opportunity"), ("probability", "<", 100)],
            ),
            ("folders", self.env._("Vault Folders"), "ps.document.folder", []),
        ]

    @api.model
    def get_cockpit_data(self):
        """Figures of the cockpit, each with what the client needs to drill down.

        Counted as the current user, so record rules apply; one query per card.
        """
        if not self.env.user.has_group("ps_dashboard.group_ps_executive"):
            raise AccessError(self.env._("Only executives can open the cockpit."))
        return [
            {
                "key": key,
                "label": label,
                "model": model,
                "domain": domain,
                "value": self.env[model].search_count(domain),
            }
            for key, label, model, domain in self._cockpit_cards()
        ]
