from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from odoo.addons.ps_base.internal import is_internal, is_system
from odoo.addons.ps_base.tools import check_lengths

from .ps_wbs_template import PHASES, refuse_parent_loop

# Context key set while a template is instantiated (see
# project.project._ps_instantiate_template); honoured only in internal mode.
BATCH_KEY = "ps_wbs_batch_create"
# Set by the approved plan and change requests only.
BASELINE_FIELDS = {"ps_baseline_date_start", "ps_baseline_deadline", "ps_baseline_hours"}
DONE, CANCELED = "1_done", "1_canceled"


class ProjectTask(models.Model):
    _inherit = "project.task"

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **kwargs):
        # The timeline (OCA web_timeline) asks for its group-by as a field, and a
        # custom group-by on a date comes as "date_deadline:month": read the date
        # (the timeline draws such rows unassigned) instead of failing.
        if fields:
            fields = list(dict.fromkeys(name.split(":")[0] for name in fields))
        return super().search_read(domain, fields, offset, limit, order, **kwargs)

    ps_wbs_code = fields.Char(string="WBS Code", index="btree_not_null", copy=False)
    ps_date_start = fields.Datetime(
        string="Planned Start", help="When the work is planned to start (timeline)."
    )
    ps_phase = fields.Selection(PHASES, string="Phase", index=True)
    ps_role_id = fields.Many2one("hr.job", string="Role", help="Who should do the work.")
    ps_deliverable_ids = fields.One2many("ps.project.deliverable", "task_id", string="Deliverables")

    # Baseline: frozen by the plan approval, moved only by approved change requests.
    ps_baseline_date_start = fields.Datetime(string="Baseline Start", readonly=True, copy=False)
    ps_baseline_deadline = fields.Datetime(string="Baseline Deadline", readonly=True, copy=False)
    ps_baseline_hours = fields.Float(string="Baseline Hours", readonly=True, copy=False)
    ps_schedule_variance_days = fields.Integer(
        string="Schedule Variance (Days)",
        compute="_compute_ps_schedule_variance_days",
        store=True,
        aggregator="max",
        help="Days the deadline moved past the baseline (negative: ahead of it).",
    )

    # Roll-ups over the WBS: the task and all its sub-tasks.
    ps_rollup_planned_hours = fields.Float(
        string="Planned Hours (WBS)",
        compute="_compute_ps_rollup_planned_hours",
        store=True,
        recursive=True,
        help="Allocated hours of the task and of all its sub-tasks.",
    )
    # Percent complete from work done, not from hours burnt: a done task is
    # 100 %, an open one what its manager entered; a parent task rolls up its
    # sub-tasks weighted by their planned hours (equally when none has hours).
    ps_progress_manual = fields.Float(
        string="Progress Entered (%)",
        copy=False,
        tracking=True,
        help="How much of the task's work is done, in %, as its manager judges it "
        "(for long tasks). A done task counts as 100 %, whatever is entered here.",
    )
    ps_can_set_progress = fields.Boolean(compute="_compute_ps_can_set_progress")
    ps_progress = fields.Float(
        string="Progress (%)",
        compute="_compute_ps_progress",
        store=True,
        recursive=True,
        aggregator="avg",
        help="Work done: 100 % when the task is done; otherwise the progress entered "
        "for it, or for a parent task the progress of its sub-tasks weighted by their "
        "planned hours. Cancelled sub-tasks do not count. Never above 100 %.",
    )
    ps_hours_burn = fields.Float(
        string="Hours Burn (%)",
        compute="_compute_ps_hours_burn",
        store=True,
        aggregator="avg",
        help="Hours spent on the task and its sub-tasks against their planned hours, in %. "
        "Burning hours is not progress: this can exceed 100 %.",
    )

    @api.depends("allocated_hours", "child_ids.ps_rollup_planned_hours")
    def _compute_ps_rollup_planned_hours(self):
        for task in self:
            task.ps_rollup_planned_hours = task.allocated_hours + sum(
                task.child_ids.mapped("ps_rollup_planned_hours")
            )

    @api.depends(
        "state",
        "ps_progress_manual",
        "child_ids.state",
        "child_ids.active",
        "child_ids.ps_progress",
        "child_ids.ps_rollup_planned_hours",
    )
    def _compute_ps_progress(self):
        for task in self:
            children = task.child_ids.filtered(lambda t: t.active and t.state != CANCELED)
            if task.state == DONE:
                progress = 100.0
            elif children:
                hours = sum(children.mapped("ps_rollup_planned_hours"))
                if hours > 0:
                    progress = (
                        sum(c.ps_progress * c.ps_rollup_planned_hours for c in children) / hours
                    )
                else:
                    progress = sum(children.mapped("ps_progress")) / len(children)
            else:
                progress = task.ps_progress_manual
            task.ps_progress = min(max(progress, 0.0), 100.0)

    @api.depends_context("uid")
    @api.depends("project_id.user_id")
    def _compute_ps_can_set_progress(self):
        pmo = self.env.su or self.env.user.has_group("project.group_project_manager")
        for task in self:
            task.ps_can_set_progress = pmo or task.sudo().project_id.user_id == self.env.user

    def _ps_check_progress_setter(self, projects):
        """The progress of a task drives the project's earned value: only the
        project's manager or the PMO record it."""
        if is_system(self.env) or self.env.user.has_group("project.group_project_manager"):
            return
        others = projects.sudo().filtered(lambda p: p.user_id != self.env.user)
        if others:
            raise AccessError(
                self.env._(
                    "Only the project manager of %(project)s or the PMO record the progress "
                    "of its tasks.",
                    project=others[0].name,
                )
            )

    @api.depends("total_hours_spent", "ps_rollup_planned_hours")
    def _compute_ps_hours_burn(self):
        for task in self:
            planned = task.ps_rollup_planned_hours
            task.ps_hours_burn = 100.0 * task.total_hours_spent / planned if planned else 0.0

    @api.depends("date_deadline", "ps_baseline_deadline")
    def _compute_ps_schedule_variance_days(self):
        for task in self:
            if task.date_deadline and task.ps_baseline_deadline:
                delta = task.date_deadline.date() - task.ps_baseline_deadline.date()
                task.ps_schedule_variance_days = delta.days
            else:
                task.ps_schedule_variance_days = 0

    @api.constrains("ps_progress_manual")
    def _check_ps_progress_manual(self):
        for task in self:
            if not 0.0 <= task.ps_progress_manual <= 100.0:
                raise ValidationError(
                    self.env._(
                        "Task %(task)s: the progress entered must be between 0 and 100 %%.",
                        task=task.name,
                    )
                )

    @api.constrains("ps_date_start", "date_deadline")
    def _check_ps_dates(self):
        for task in self:
            start, deadline = task.ps_date_start, task.date_deadline
            if start and deadline and start.date() > deadline.date():
                raise ValidationError(
                    self.env._(
                        "Task %(task)s starts after its deadline: move its start before "
                        "%(deadline)s or its deadline later.",
                        task=task.name,
                        deadline=fields.Date.to_string(deadline.date()),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_lengths(self.env, vals_list, {"ps_wbs_code": (self.env._("The WBS code"), 64)})
        progress = [vals for vals in vals_list if vals.get("ps_progress_manual")]
        if progress:
            self._ps_check_progress_setter(
                self.env["project.project"].browse(
                    {
                        vals.get("project_id") or self.env.context.get("default_project_id")
                        for vals in progress
                    }
                    - {False, None}
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        check_lengths(self.env, [vals], {"ps_wbs_code": (self.env._("The WBS code"), 64)})
        # Refuse a parent loop before the write: the roll-ups would otherwise
        # chase the loop up and down before Odoo's own recursion check runs.
        refuse_parent_loop(self, vals.get("parent_id"))
        if "ps_progress_manual" in vals:
            self._ps_check_progress_setter(self.project_id)
        if vals.keys() & BASELINE_FIELDS and not is_system(self.env):
            # An access refusal (like Odoo's for fields a role may not write).
            raise AccessError(
                self.env._(
                    "A task's baseline is set when the plan or a change request is approved, "
                    "not by editing it."
                )
            )
        return super().write(vals)

    def _ps_freeze_baseline(self):
        """Take the current start dates, deadlines and planned hours as the
        baseline: one UPDATE for all the tasks (a project has hundreds)."""
        if not self:
            return
        self.flush_recordset(["ps_date_start", "date_deadline", "allocated_hours"])
        self.env.cr.execute(
            SQL(
                "UPDATE project_task SET ps_baseline_deadline = date_deadline, "
                "ps_baseline_date_start = ps_date_start, "
                "ps_baseline_hours = allocated_hours, ps_schedule_variance_days = 0 "
                "WHERE id IN %s",
                tuple(self.ids),
            )
        )
        changed = [
            "ps_baseline_date_start",
            "ps_baseline_deadline",
            "ps_baseline_hours",
            "ps_schedule_variance_days",
        ]
        self.invalidate_recordset(changed)
        self.modified(changed)

    # -- batch creation from a template ---------------------------------------
    # Odoo's task create subscribes the creator to each task one by one and
    # re-applies the (empty) personal stage of each unassigned task: three
    # queries per task. While a template is instantiated both are done once for
    # the whole batch instead (see project.project._ps_instantiate_template).
    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if is_internal(self.env) and self.env.context.get(BATCH_KEY):
            return True
        return super().message_subscribe(partner_ids, subtype_ids)

    def _inverse_personal_stage_type_id(self):
        if is_internal(self.env) and self.env.context.get(BATCH_KEY):
            self = self.filtered("personal_stage_type_id")
        return super()._inverse_personal_stage_type_id()
