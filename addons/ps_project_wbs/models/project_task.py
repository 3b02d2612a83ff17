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
BASELINE_FIELDS = {"ps_baseline_deadline", "ps_baseline_hours"}


class ProjectTask(models.Model):
    _inherit = "project.task"

    ps_wbs_code = fields.Char(string="WBS Code", index="btree_not_null", copy=False)
    ps_date_start = fields.Datetime(
        string="Planned Start", help="When the work is planned to start (timeline)."
    )
    ps_phase = fields.Selection(PHASES, string="Phase", index=True)
    ps_role_id = fields.Many2one("hr.job", string="Role", help="Who should do the work.")
    ps_deliverable_ids = fields.One2many("ps.project.deliverable", "task_id", string="Deliverables")

    # Baseline: frozen by the plan approval, moved only by approved change requests.
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
    ps_progress = fields.Float(
        string="Progress (WBS)",
        compute="_compute_ps_progress",
        store=True,
        aggregator="avg",
        help="Time spent on the task and its sub-tasks against their planned hours, in %.",
    )

    @api.depends("allocated_hours", "child_ids.ps_rollup_planned_hours")
    def _compute_ps_rollup_planned_hours(self):
        for task in self:
            task.ps_rollup_planned_hours = task.allocated_hours + sum(
                task.child_ids.mapped("ps_rollup_planned_hours")
            )

    @api.depends("total_hours_spent", "ps_rollup_planned_hours")
    def _compute_ps_progress(self):
        for task in self:
            planned = task.ps_rollup_planned_hours
            task.ps_progress = 100.0 * task.total_hours_spent / planned if planned else 0.0

    @api.depends("date_deadline", "ps_baseline_deadline")
    def _compute_ps_schedule_variance_days(self):
        for task in self:
            if task.date_deadline and task.ps_baseline_deadline:
                delta = task.date_deadline.date() - task.ps_baseline_deadline.date()
                task.ps_schedule_variance_days = delta.days
            else:
                task.ps_schedule_variance_days = 0

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
        return super().create(vals_list)

    def write(self, vals):
        check_lengths(self.env, [vals], {"ps_wbs_code": (self.env._("The WBS code"), 64)})
        # Refuse a parent loop before the write: the roll-ups would otherwise
        # chase the loop up and down before Odoo's own recursion check runs.
        refuse_parent_loop(self, vals.get("parent_id"))
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
        """Take the current deadlines and planned hours as the baseline: one
        UPDATE for all the tasks (a project has hundreds)."""
        if not self:
            return
        self.flush_recordset(["date_deadline", "allocated_hours"])
        self.env.cr.execute(
            SQL(
                "UPDATE project_task SET ps_baseline_deadline = date_deadline, "
                "ps_baseline_hours = allocated_hours, ps_schedule_variance_days = 0 "
                "WHERE id IN %s",
                tuple(self.ids),
            )
        )
        changed = ["ps_baseline_deadline", "ps_baseline_hours", "ps_schedule_variance_days"]
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
