"""The suite's access model: what each demo role may read, write, create,
approve and download, model by model, on the records of the demo database.

``ACCESS`` below is the statement (one row per model and operation, one column
per demo user of README's table; the password of each is its login). Where the
code and DESIGN.md disagree, the table says what DESIGN.md means: the test then
fails on that cell until the code follows. The test logs in as each demo user
and checks every cell through JSON-RPC and ``/web/content``, as a hostile
client would: what the web client hides but the server allows counts as
allowed. Writes, creations and decisions are tried on real demo records inside
a savepoint that is rolled back, so every cell starts from the demo as
installed.

Cells:

- ``read``: ``all`` (every demo record of the model), ``none`` (not one, or
  refused), ``own`` (the user's own records: owner, salesperson or requester;
  a salesperson's customers include the public pool), ``managed`` (records of
  the projects the user manages), ``member`` (records of the projects the user
  manages or follows; projects open to all employees are not in question),
  ``reviews`` (the tier reviews of the documents the user may read); for the
  vault, the confidentiality levels of the demo documents the user reads.
- ``write``: ``yes`` (changes the model's probe record of ``PROBES``, which
  belongs to someone else than the role: the salesperson's, the project
  manager's), ``own`` (changes the probe record, which is theirs, and not the
  other record of ``PROBES``), ``no`` (refused, nothing changed).
- ``create``: ``yes`` / ``no`` (a new record of the demo's kind).
- ``approve``: ``yes`` / ``no``: the model's decision on its demo record
  waiting for one (``validate_tier`` of a tier review, ``action_approve`` /
  ``action_confirm`` / ``action_accept`` / ``action_close``); a refusal may be
  an error or a call that decides nothing.
- ``download``: the confidentiality levels of the vault's demo files that
  ``/web/content/<attachment>`` serves to the user (the confidential file is
  the Deco Addict project's, the secret one Azure Interior's).
"""

from contextlib import closing
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import models
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

ROLES = ("ceo", "salesdir", "sales", "pmo", "pm", "consultant", "finance")

# fmt: off
ACCESS = {
    # (model, operation):                   ceo  salesdir  sales  pmo  pm  consultant  finance
    # Customers (res.partner with ps_is_customer): one owner, a public pool.
    ("res.partner", "read"): ("all", "all", "own", "all", "all", "all", "all"),
    ("res.partner", "write"): ("yes", "yes", "own", "no", "no", "no", "no"),
    ("res.partner", "create"): ("yes", "yes", "yes", "no", "no", "no", "no"),
    ("ps.customer.followup", "read"): ("all", "all", "own", "none", "none", "none", "none"),
    ("ps.customer.followup", "write"): ("yes", "yes", "own", "no", "no", "no", "no"),
    ("ps.customer.followup", "create"): ("yes", "yes", "yes", "no", "no", "no", "no"),
    ("crm.lead", "read"): ("all", "all", "own", "none", "none", "none", "none"),
    ("crm.lead", "write"): ("yes", "yes", "own", "no", "no", "no", "no"),
    ("crm.lead", "create"): ("yes", "yes", "yes", "no", "no", "no", "no"),
    # the deal approval (Quote to Deal gate) of Joint market research study
    ("crm.lead", "approve"): ("yes", "yes", "no", "no", "no", "no", "no"),
    # Contracts and their money: sales sells, finance decides, PMO reads.
    ("ps.contract", "read"): ("all", "all", "own", "all", "none", "none", "all"),
    ("ps.contract", "write"): ("yes", "yes", "own", "no", "no", "no", "no"),
    ("ps.contract", "create"): ("yes", "yes", "yes", "no", "no", "no", "no"),
    # the review of the 598,000 Northwind contract (sales director's tier)
    ("ps.contract", "approve"): ("yes", "yes", "no", "no", "no", "no", "no"),
    ("ps.contract.milestone", "read"): ("all", "all", "own", "all", "none", "none", "all"),
    ("ps.contract.milestone", "write"): ("yes", "yes", "own", "no", "no", "no", "no"),
    ("ps.contract.milestone", "create"): ("yes", "yes", "yes", "no", "no", "no", "no"),
    ("ps.invoice.request", "read"): ("all", "all", "own", "all", "none", "none", "all"),
    ("ps.invoice.request", "write"): ("yes", "yes", "own", "no", "no", "no", "yes"),
    ("ps.invoice.request", "create"): ("yes", "yes", "yes", "no", "no", "no", "yes"),
    ("ps.invoice.request", "approve"): ("no", "no", "no", "no", "no", "no", "yes"),
    ("ps.contract.collection", "read"): ("all", "all", "own", "all", "none", "none", "all"),
    ("ps.contract.collection", "write"): ("yes", "yes", "own", "no", "no", "no", "yes"),
    ("ps.contract.collection", "create"): ("yes", "yes", "yes", "no", "no", "no", "yes"),
    ("ps.contract.collection", "approve"): ("no", "no", "no", "no", "no", "no", "yes"),
    # Delivery: the PMO runs the portfolio, a project manager their projects,
    # members the projects they follow.
    ("project.project", "read"): ("all", "member", "member", "all", "member", "member", "member"),
    ("project.project", "write"): ("yes", "no", "no", "yes", "own", "no", "no"),
    ("project.project", "create"): ("yes", "no", "no", "yes", "no", "no", "no"),
    ("project.task", "read"): ("all", "member", "member", "all", "member", "member", "member"),
    ("project.task", "write"): ("yes", "no", "no", "yes", "own", "own", "no"),
    ("project.task", "create"): ("yes", "no", "no", "yes", "yes", "yes", "no"),
    ("ps.project.gate", "read"): ("all", "none", "none", "all", "member", "member", "none"),
    # nobody decides a gate by writing its state (here: the one under review)
    ("ps.project.gate", "write"): ("no", "no", "no", "no", "no", "no", "no"),
    # a change request on Deco Addict: its project manager and the PMO
    ("ps.project.gate", "create"): ("yes", "no", "no", "yes", "yes", "no", "no"),
    # the start of Growth strategy for Ready Mat: the CEO's tier and the PMO's
    # (the shipped rule), never its project manager's
    ("ps.project.gate", "approve"): ("yes", "no", "no", "yes", "no", "no", "no"),
    ("ps.project.deliverable", "read"): ("all", "none", "none", "all", "member", "member", "none"),
    ("ps.project.deliverable", "write"): ("yes", "no", "no", "yes", "own", "own", "no"),
    ("ps.project.deliverable", "create"): ("yes", "no", "no", "yes", "yes", "yes", "no"),
    ("ps.project.deliverable", "approve"): ("yes", "no", "no", "yes", "yes", "no", "no"),
    # Project money: no P&L, budget or ledger for members; finance reads all.
    ("ps.project.budget", "read"): ("all", "none", "none", "all", "managed", "none", "all"),
    # an approved budget is superseded by a new version, never edited
    ("ps.project.budget", "write"): ("no", "no", "no", "no", "no", "no", "no"),
    ("ps.project.budget", "create"): ("yes", "no", "no", "yes", "yes", "no", "no"),
    # the Azure Interior revision: the PMO's tier
    ("ps.project.budget", "approve"): ("yes", "no", "no", "yes", "no", "no", "no"),
    ("ps.payment.request", "read"): ("all", "none", "none", "all", "managed", "own", "all"),
    ("ps.payment.request", "write"): ("yes", "no", "no", "yes", "yes", "no", "yes"),
    ("ps.payment.request", "create"): ("yes", "no", "no", "yes", "yes", "yes", "yes"),
    # the consultant's translation request on Deco Addict: its project manager's
    # tier and finance's (the shipped rule)
    ("ps.payment.request", "approve"): ("no", "no", "no", "no", "yes", "no", "yes"),
    ("ps.project.pnl", "read"): ("all", "none", "none", "all", "managed", "none", "all"),
    ("ps.project.pnl", "write"): ("no", "no", "no", "no", "no", "no", "no"),
    ("ps.project.cost.ledger", "read"): ("all", "none", "none", "all", "managed", "none", "all"),
    ("ps.project.cost.ledger", "write"): ("no", "no", "no", "no", "no", "no", "no"),
    # (the demo has no monthly close: the test opens last month's on Deco Addict)
    ("ps.project.period", "read"): ("all", "none", "none", "all", "managed", "none", "all"),
    # a month is closed with its button, never by writing its state
    ("ps.project.period", "write"): ("no", "no", "no", "no", "no", "no", "no"),
    ("ps.project.period", "create"): ("no", "no", "no", "no", "no", "no", "yes"),
    ("ps.project.period", "approve"): ("no", "no", "no", "no", "no", "no", "yes"),
    # Knowledge vault: clearance (ceo, pmo secret; salesdir, pm, consultant
    # confidential; sales, finance internal) and, for project files, membership.
    ("ps.document", "read"): (
        "all", "public internal", "public internal", "all",
        "public internal confidential", "public internal confidential", "public internal",
    ),
    ("ps.document", "write"): ("yes", "yes", "yes", "yes", "yes", "yes", "yes"),
    ("ps.document", "create"): ("yes", "yes", "yes", "yes", "yes", "yes", "yes"),
    ("ps.document", "download"): (
        "public internal confidential secret", "public internal", "public internal",
        "public internal confidential secret",
        "public internal confidential", "public internal confidential", "public internal",
    ),
    # Tier reviews: seen with their document, decided only through the
    # validation API by their reviewers (the approve rows above).
    ("tier.review", "read"): ("reviews",) * 7,
    ("tier.review", "write"): ("no", "no", "no", "no", "no", "no", "no"),
    ("tier.review", "create"): ("no", "no", "no", "no", "no", "no", "no"),
    # Customer invoices (account.move, out_invoice): finance; executives read.
    ("account.move", "read"): ("all", "none", "none", "none", "none", "none", "all"),
    ("account.move", "write"): ("no", "no", "no", "no", "no", "no", "yes"),
    ("account.move", "create"): ("no", "no", "no", "no", "no", "no", "yes"),
}
# fmt: on

LEVELS = ("public", "internal", "confidential", "secret")
MARK = "Access matrix probe"


@tagged("post_install", "-at_install")
class TestSecurityMatrix(HttpCase):
    """Each cell of ``ACCESS``, as each demo user, through JSON-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.users = {role: env.ref(f"ps_dashboard.user_ps_demo_{role}") for role in ROLES}
        cls.company = env.ref("base.main_company")
        deco = env.ref("ps_project_wbs.ps_project_deco_transformation_demo")
        growth = env.ref("ps_project_wbs.ps_project_growth_strategy_demo")
        cls.deco, cls.growth = deco, growth
        # The demo has no monthly close: last month of Deco Addict, open.
        month = date.today().replace(day=1) - relativedelta(months=1)
        cls.period = env["ps.project.period"].create({"project_id": deco.id, "date_start": month})
        Task = env["project.task"]
        consultant = cls.users["consultant"]
        cls.deco_task = Task.search(
            [("project_id", "=", deco.id), ("user_ids", "in", consultant.ids)], limit=1, order="id"
        )
        # a task of a private project neither of them belongs to (Odoo's demo R&D)
        cls.other_task = Task.search(
            [
                ("project_id", "=", env.ref("project.project_project_2").id),
                ("user_ids", "not in", (consultant | cls.users["pm"]).ids),
            ],
            limit=1,
            order="id",
        )
        Deliverable = env["ps.project.deliverable"]
        cls.deco_charter = Deliverable.search(
            [("project_id", "=", deco.id), ("name", "=", "Project charter")], limit=1
        )
        cls.growth_charter = Deliverable.search(
            [("project_id", "=", growth.id), ("name", "=", "Project charter")], limit=1
        )
        audit = env.ref("ps_contract.ps_contract_audit_demo")
        cls.audit = audit
        # The demo's only open invoice request is under review (a write waits for
        # its reviewers): a draft one of the salesperson for the final audit fee.
        cls.draft_request = env["ps.invoice.request"].create(
            {
                "contract_id": audit.id,
                "milestone_id": env.ref("ps_contract.ps_contract_audit_milestone_2_demo").id,
                "amount": 100.0,
            }
        )
        request_1 = env.ref("ps_contract.ps_invoice_request_strategy_1_demo")
        cls.pnl_deco = env["ps.project.pnl"].search([("project_id", "=", deco.id)], limit=1)
        cls.ledger_deco = env["ps.project.cost.ledger"].search(
            [("project_id", "=", deco.id)], limit=1
        )
        cls.invoice = request_1.move_id
        cls.review_ir = env["tier.review"].search(
            [
                ("model", "=", "ps.invoice.request"),
                ("res_id", "=", env.ref("ps_contract.ps_invoice_request_audit_1_demo").id),
            ]
        )
        r = env.ref
        # model: (probe record, other record or None, harmless values to write)
        cls.probes = {
            "res.partner": (r("base.res_partner_3"), r("base.res_partner_2"), {"ref": MARK}),
            "ps.customer.followup": (
                r("ps_crm.ps_followup_gemini_1_demo"),
                r("ps_crm.ps_followup_deco_1_demo"),
                {"next_step": MARK},
            ),
            "crm.lead": (
                r("ps_crm.ps_lead_tax_review_demo"),
                r("ps_crm.ps_lead_branch_appraisal_demo"),
                {"referred": MARK},
            ),
            "ps.contract": (
                r("ps_contract.ps_contract_training_demo"),
                r("ps_contract.ps_contract_appraisal_demo"),
                {"note": MARK},
            ),
            "ps.contract.milestone": (
                r("ps_contract.ps_contract_training_milestone_1_demo"),
                r("ps_contract.ps_contract_appraisal_milestone_1_demo"),
                {"name": MARK},
            ),
            "ps.invoice.request": (cls.draft_request, None, {"note": MARK}),
            "ps.contract.collection": (
                r("ps_contract.ps_collection_audit_1_demo"),
                None,
                {"note": MARK},
            ),
            "project.project": (deco, growth, {"description": MARK}),
            "project.task": (cls.deco_task, cls.other_task, {"description": MARK}),
            "ps.project.gate": (
                env["ps.project.gate"].search(
                    [("project_id", "=", growth.id), ("gate_type", "=", "initiation")]
                ),
                None,
                {"state": "approved"},
            ),
            "ps.project.deliverable": (cls.deco_charter, cls.growth_charter, {"name": MARK}),
            "ps.project.budget": (
                r("ps_expense_finance.ps_project_budget_deco_demo"),
                None,
                {"note": MARK},
            ),
            "ps.payment.request": (
                r("ps_expense_finance.ps_payment_request_deco_demo"),
                None,
                {"description": MARK},
            ),
            "ps.project.pnl": (cls.pnl_deco, None, {"project_id": growth.id}),
            "ps.project.cost.ledger": (cls.ledger_deco, None, {"project_id": growth.id}),
            "ps.project.period": (cls.period, None, {"state": "closed"}),
            "ps.document": (
                r("ps_knowledge.ps_document_brochure_demo"),
                None,
                {"description": MARK},
            ),
            "tier.review": (cls.review_ir, None, {"status": "approved"}),
            "account.move": (cls.invoice, None, {"narration": MARK}),
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def attempt(self, model, method, *args, **kwargs):
        """(result, None) or (None, the name of the error the server raised)."""
        try:
            return self.call(model, method, *args, **kwargs), None
        except JsonRpcException as error:
            return None, str(error)

    def rolled_back(self):
        """A savepoint that is always rolled back: each mutation starts from the demo."""
        return closing(self.env.cr.savepoint())

    def base_domain(self, model):
        domain = []
        if model == "res.partner":
            domain = [("ps_is_customer", "=", True)]
        elif model == "account.move":
            domain = [("move_type", "=", "out_invoice")]
        elif model == "project.task":
            domain = [("project_id", "!=", False)]
        if "company_id" in self.env[model]._fields:
            domain += [("company_id", "in", [self.company.id, False])]
        return domain

    def scope(self, model, user, value):
        """(domain of what the user must see, domain of what they must not see)."""
        partner = user.partner_id.id
        if value == "all":
            return [], [(0, "=", 1)]
        if value == "none":
            return [(0, "=", 1)], []
        if value == "own":
            own = {
                "res.partner": [("commercial_partner_id.user_id", "in", [user.id, False])],
                "ps.customer.followup": [
                    "|",
                    ("user_id", "=", user.id),
                    ("owner_id", "=", user.id),
                ],
                "crm.lead": [("user_id", "in", [user.id, False])],
                "ps.payment.request": [("user_id", "=", user.id)],
            }.get(model, [("user_id", "in", [user.id, False])])
            return own, ["!", *own]
        if value == "managed":
            managed = [("project_id.user_id", "=", user.id)]
            if model == "ps.payment.request":
                managed = ["|", ("user_id", "=", user.id), *managed]
            return managed, ["!", *managed]
        if value == "member":
            prefix = "" if model == "project.project" else "project_id."
            member = [
                "|",
                (f"{prefix}user_id", "=", user.id),
                (f"{prefix}message_partner_ids", "in", [partner]),
            ]
            private = [(f"{prefix}privacy_visibility", "=", "followers")]
            if model == "project.task":
                # a task one is assigned to or follows is seen outside one's projects
                member = [
                    "|",
                    "|",
                    ("user_ids", "in", user.ids),
                    ("message_partner_ids", "in", [partner]),
                    *member,
                ]
            return member, [*private, "!", *member]
        if model == "ps.document":
            levels = value.split()
            return [("confidentiality", "in", levels)], [("confidentiality", "not in", levels)]
        raise AssertionError(f"unknown read cell {value!r} of {model}")

    def changed(self, record, vals):
        record.invalidate_recordset()
        for fname, value in vals.items():
            current = record[fname]
            if isinstance(current, models.BaseModel):
                if current.id != value:
                    return False
            elif isinstance(value, str) and isinstance(current, str):
                if value not in current:
                    return False
            elif current != value:
                return False
        return True

    # ------------------------------------------------------------------
    # Cells
    # ------------------------------------------------------------------
    def check_read(self, model, user, value):
        base = self.base_domain(model)
        seen, error = self.attempt(model, "search", base, context={"active_test": True})
        if value == "reviews":
            return self.check_reviews_read(user, seen or [], error)
        must_see, must_not_see = self.scope(model, user, value)
        Model = self.env[model]
        expected = Model.search(base + must_see).ids if value != "none" else []
        forbidden = Model.search(base + must_not_see).ids
        if error:
            self.assertFalse(expected, f"{user.login} may read {model} ({value}): {error}")
            return
        missing = sorted(set(expected) - set(seen))
        extra = sorted(set(forbidden) & set(seen))
        self.assertFalse(missing, f"{user.login} should read {model} {missing} ({value})")
        self.assertFalse(extra, f"{user.login} should not read {model} {extra} ({value})")

    def check_reviews_read(self, user, seen, error):
        """A review is seen exactly when its document is (read through RPC too)."""
        self.assertFalse(error, f"{user.login} may read the reviews of their documents")
        reviews = self.env["tier.review"].search([])
        by_model = {}
        for review in reviews:
            by_model.setdefault(review.model, set()).add(review.res_id)
        readable = set()
        for model, res_ids in by_model.items():
            found, err = self.attempt(model, "search", [("id", "in", sorted(res_ids))])
            readable |= {(model, res_id) for res_id in found or []}
        expected = {r.id for r in reviews if (r.model, r.res_id) in readable}
        self.assertEqual(
            sorted(set(seen)),
            sorted(expected),
            f"{user.login} should see exactly the reviews of the documents they read",
        )

    def try_write(self, record, vals):
        """Whether the write went through (and changed the record)."""
        with self.rolled_back():
            _result, error = self.attempt(record._name, "write", record.ids, vals)
            done = self.changed(record, vals)
            if error and done:
                self.fail(f"write on {record} raised {error} but changed it")
        self.env.invalidate_all()
        return done and not error, error

    def check_write(self, model, user, value):
        probe, other, vals = self.probes[model]
        self.assertTrue(probe, f"no demo record of {model} to write")
        done, error = self.try_write(probe, vals)
        if value in ("yes", "own"):
            self.assertTrue(done, f"{user.login} should write {probe} {vals}: {error}")
        else:
            self.assertFalse(done, f"{user.login} should not write {probe} {vals}")
        if value == "own" and other:
            done, _error = self.try_write(other, vals)
            self.assertFalse(done, f"{user.login} should not write {other} (not theirs)")

    def create_vals(self, model):
        r = self.env.ref
        today = date.today().isoformat()
        return {
            "res.partner": {"name": MARK, "ps_is_customer": True, "is_company": True},
            "ps.customer.followup": {
                "partner_id": r("base.res_partner_3").id,
                "summary": MARK,
            },
            "crm.lead": {"name": MARK, "type": "opportunity"},
            "ps.contract": {"title": MARK, "partner_id": r("base.res_partner_3").id},
            "ps.contract.milestone": {
                "contract_id": r("ps_contract.ps_contract_training_demo").id,
                "name": MARK,
                "date_due": today,
            },
            "ps.invoice.request": {
                "contract_id": self.audit.id,
                "milestone_id": r("ps_contract.ps_contract_audit_milestone_2_demo").id,
                "amount": 100.0,
                "note": MARK,
            },
            "ps.contract.collection": {
                "contract_id": self.audit.id,
                "milestone_id": r("ps_contract.ps_contract_audit_milestone_1_demo").id,
                "amount": 100.0,
                "date": today,
                "note": MARK,
            },
            "project.project": {"name": MARK},
            "project.task": {"name": MARK, "project_id": self.deco.id},
            "ps.project.gate": {
                "project_id": self.deco.id,
                "gate_type": "change",
                "reason": MARK,
            },
            "ps.project.deliverable": {"name": MARK, "project_id": self.deco.id},
            "ps.project.budget": {
                "project_id": r("ps_project_wbs.ps_project_gemini_audit_demo").id,
                "note": MARK,
            },
            "ps.payment.request": {
                "project_id": self.deco.id,
                "partner_id": r("ps_crm.ps_partner_meridian_demo").id,
                "category_id": r("ps_expense_finance.ps_cost_category_outsourcing").id,
                "amount": 10.0,
                "description": MARK,
            },
            "ps.project.period": {
                "project_id": self.deco.id,
                "date_start": (date.today().replace(day=1) - relativedelta(months=2)).isoformat(),
            },
            "ps.document": {
                "name": MARK,
                "folder_id": r("ps_knowledge.ps_document_folder_publications_demo").id,
                "confidentiality": "public",
            },
            "tier.review": {
                "model": "ps.invoice.request",
                "res_id": r("ps_contract.ps_invoice_request_audit_1_demo").id,
                "status": "approved",
            },
            "account.move": {
                "move_type": "out_invoice",
                "partner_id": r("base.res_partner_2").id,
            },
        }[model]

    def check_create(self, model, user, value):
        Model = self.env[model].with_context(active_test=False)
        with self.rolled_back():
            before = Model.search_count([])
            if model == "ps.project.gate":
                # change requests are opened from the project (the gate is created
                # by the system once the project's manager or the PMO asks)
                args = ("project.project", "action_ps_new_change_request", self.deco.ids)
            else:
                args = (model, "create", [self.create_vals(model)])
            result, error = self.attempt(*args)
            self.env.invalidate_all()
            created = Model.search_count([]) - before
        self.env.invalidate_all()
        if value == "yes":
            self.assertTrue(result and created, f"{user.login} should create {model}: {error}")
        else:
            self.assertFalse(created, f"{user.login} should not create {model}")

    # approve: model -> (record, method, decided(record) after the call)
    def approval(self, model):
        r = self.env.ref

        def reviewed(record):
            return lambda: any(
                review.status == "approved" and review.done_by in self.users.values()
                for review in record.review_ids
            )

        if model == "crm.lead":
            lead = r("ps_crm.ps_lead_market_study_demo")
            passage = self.env["ps.lead.gate.passage"].search(
                [("lead_id", "=", lead.id), ("review_ids", "!=", False)], limit=1
            )
            return passage, "validate_tier", reviewed(passage)
        if model in ("ps.contract", "ps.project.budget", "ps.payment.request", "ps.project.gate"):
            record = {
                "ps.contract": lambda: r("ps_contract.ps_contract_appraisal_demo"),
                "ps.project.budget": lambda: r(
                    "ps_expense_finance.ps_project_budget_azure_v2_demo"
                ),
                "ps.payment.request": lambda: r(
                    "ps_dashboard.ps_payment_request_deco_translation_demo"
                ),
                "ps.project.gate": lambda: self.probes["ps.project.gate"][0],
            }[model]()
            return record, "validate_tier", reviewed(record)
        if model == "ps.invoice.request":
            record = r("ps_contract.ps_invoice_request_audit_1_demo")
            return record, "action_approve", lambda: record.state == "approved"
        if model == "ps.contract.collection":
            record = r("ps_contract.ps_collection_audit_1_demo")
            return record, "action_confirm", lambda: record.state == "confirmed"
        if model == "ps.project.deliverable":
            record = self.deco_charter
            return record, "action_accept", lambda: record.state == "accepted"
        if model == "ps.project.period":
            return self.period, "action_close", lambda: self.period.state == "closed"
        raise AssertionError(f"no approval of {model}")

    def check_approve(self, model, user, value):
        record, method, decided = self.approval(model)
        self.assertTrue(record, f"no demo record of {model} waiting for a decision")
        with self.rolled_back():
            if model == "ps.project.deliverable":
                record.state = "submitted"  # the consultant submitted it (superuser here)
                self.env.flush_all()
            self.assertFalse(decided(), f"{record} is decided already: nothing to check")
            _result, error = self.attempt(record._name, method, record.ids)
            self.env.invalidate_all()
            done = decided() and not error
        self.env.invalidate_all()
        if value == "yes":
            self.assertTrue(done, f"{user.login} should decide {record} ({method}): {error}")
        else:
            self.assertFalse(done, f"{user.login} should not decide {record} ({method})")

    def check_download(self, model, user, value):
        r = self.env.ref
        documents = {
            "public": r("ps_knowledge.ps_document_brochure_demo"),
            "internal": r("ps_knowledge.ps_document_strategy_method_demo"),
            "confidential": r("ps_knowledge.ps_document_deco_assessment_demo"),
            "secret": r("ps_knowledge.ps_document_azure_scenarios_demo"),
        }
        allowed = value.split()
        for level in LEVELS:
            attachments = documents[level].version_ids.attachment_id
            self.assertTrue(attachments, f"the {level} demo document has no file")
            for attachment in attachments:
                status = self.url_open(f"/web/content/{attachment.id}").status_code
                if level in allowed:
                    self.assertEqual(
                        status, 200, f"{user.login} should download {level} {attachment.name}"
                    )
                else:
                    self.assertNotEqual(
                        status, 200, f"{user.login} should not download {level} {attachment.name}"
                    )

    # ------------------------------------------------------------------
    # The test
    # ------------------------------------------------------------------
    def test_access_matrix(self):
        """Every cell of ACCESS holds for its demo user, through JSON-RPC."""
        order = ("read", "write", "create", "approve", "download")
        failures = []
        for role in ROLES:
            user = self.users[role]
            self.authenticate(role, role)
            for operation in order:
                for (model, op), cells in ACCESS.items():
                    if op != operation:
                        continue
                    value = cells[ROLES.index(role)]
                    with self.subTest(role=role, model=model, operation=op, cell=value):
                        try:
                            getattr(self, f"check_{op}")(model, user, value)
                        except AssertionError as error:
                            # Collected, not raised: pytest stops a test at its
                            # first failing subTest, and every cell must be seen.
                            failures.append(f"{role} {model} {op} ({value}): {error}")
        self.assertFalse(failures, "cells that do not hold:\n" + "\n".join(failures))
