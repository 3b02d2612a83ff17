from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PsDocumentFolder(models.Model):
    """Folder of the document vault (a tree)."""

    _name = "ps.document.folder"
    _description = "Vault Folder"
    _parent_store = True
    _order = "complete_name, id"
    _rec_name = "complete_name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True, index="trigram"
    )
    parent_id = fields.Many2one(
        "ps.document.folder",
        string="Parent Folder",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("ps.document.folder", "parent_id", string="Subfolders")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for folder in self:
            if folder.parent_id:
                folder.complete_name = f"{folder.parent_id.complete_name} / {folder.name}"
            else:
                folder.complete_name = folder.name

    def write(self, vals):
        if vals.get("parent_id"):
            # Checked before the parent-store update, whose own message is obscure.
            parent = self.browse(vals["parent_id"])
            ancestor_ids = {int(i) for i in (parent.parent_path or "").split("/") if i}
            if ancestor_ids & set(self.ids):
                raise ValidationError(
                    self.env._(
                        "Folder %(folder)s cannot move into %(parent)s: that is the folder "
                        "itself or one of its subfolders.",
                        folder=self.filtered(lambda f: f.id in ancestor_ids)[:1].display_name,
                        parent=parent.display_name,
                    )
                )
        return super().write(vals)
