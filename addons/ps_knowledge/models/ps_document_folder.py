from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PsDocumentFolder(models.Model):
    """Folder of the document vault (a tree). A project folder holds the
    documents of one project; its documents are readable by the project's
    members only."""

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
    project_id = fields.Many2one(
        "project.project",
        compute="_compute_project_id",
        store=True,
        readonly=False,
        recursive=True,
        index="btree_not_null",
        check_company=True,
        help="Documents filed here belong to this project: only its members read them.",
    )
    confidentiality = fields.Selection(
        selection="_selection_confidentiality",
        string="Confidentiality Level",
        default="internal",
        required=True,
        help="Level given to new documents of the folder; they cannot be lower.",
    )
    document_ids = fields.One2many("ps.document", "folder_id", string="Documents")
    document_count = fields.Integer(compute="_compute_document_count")

    @api.model
    def _selection_confidentiality(self):
        return self.env["ps.confidentiality.level"]._ps_selection()

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for folder in self:
            if folder.parent_id:
                folder.complete_name = f"{folder.parent_id.complete_name} / {folder.name}"
            else:
                folder.complete_name = folder.name

    @api.depends("parent_id.project_id")
    def _compute_project_id(self):
        for folder in self:
            if folder.parent_id.project_id:
                folder.project_id = folder.parent_id.project_id

    @api.depends_context("uid")
    def _compute_document_count(self):
        counts = dict(
            self.env["ps.document"]._read_group(
                [("folder_id", "in", self.ids)], ["folder_id"], ["__count"]
            )
        )
        for folder in self:
            folder.document_count = counts.get(folder, 0)

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

    def _ps_level_label(self):
        self.ensure_one()
        return dict(self._selection_confidentiality()).get(self.confidentiality, "")

    @api.model
    def _ps_project_folder(self, project):
        """The folder of ``project`` (created under the company's Projects
        folder the first time)."""
        folder = self.search([("project_id", "=", project.id)], order="id", limit=1)
        if folder:
            return folder
        root = self.env.ref("ps_knowledge.ps_document_folder_projects", raise_if_not_found=False)
        if not root or root.company_id != project.company_id:
            root = self.search(
                [
                    ("company_id", "=", project.company_id.id),
                    ("parent_id", "=", False),
                    ("project_id", "=", False),
                    ("name", "=", self.env._("Projects")),
                ],
                limit=1,
            ) or self.create({"name": self.env._("Projects"), "company_id": project.company_id.id})
        return self.create(
            {
                "name": project.name,
                "parent_id": root.id,
                "project_id": project.id,
                "company_id": project.company_id.id,
            }
        )

    def action_open_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ps_knowledge.ps_document_action")
        action["domain"] = [("folder_id", "child_of", self.id)]
        action["context"] = {"default_folder_id": self.id}
        return action
