from odoo import api, fields, models


class ProjectProject(models.Model):
    _inherit = "project.project"

    ps_document_count = fields.Integer(compute="_compute_ps_document_count", string="Documents")

    @api.depends_context("uid")
    def _compute_ps_document_count(self):
        # Counted through the record rules: what the user may read.
        counts = dict(
            self.env["ps.document"]._read_group(
                [("project_id", "in", self.ids)], ["project_id"], ["__count"]
            )
        )
        for project in self:
            project.ps_document_count = counts.get(project, 0)

    def action_ps_open_documents(self):
        self.ensure_one()
        folder = self.env["ps.document.folder"].search([("project_id", "=", self.id)], limit=1)
        action = self.env["ir.actions.act_window"]._for_xml_id("ps_knowledge.ps_document_action")
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_folder_id": folder.id} if folder else {}
        return action
