"""Earned value (issue 17): tasks baselined before the baseline kept their
start get their planned start as baseline start (the closest record of the
plan there is), so that the planned value spreads their budget over their
baseline days instead of placing it on their deadline."""


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
