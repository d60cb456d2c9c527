"""Schedules. Off by default: a data engineer turns them on in the UI once landing files arrive."""

import dagster as dg

from pipelines.jobs import everything

weekly_full_refresh = dg.ScheduleDefinition(
    name="weekly_full_refresh",
    job=everything,
    cron_schedule="0 2 * * 1",
    execution_timezone="Asia/Jakarta",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Monday 02:00 WIB: rebuild and republish everything from the landing dir.",
)

all_schedules = [weekly_full_refresh]
