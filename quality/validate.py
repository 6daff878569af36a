"""Running the suites with Great Expectations and reading back which rows failed.

The context is ephemeral (nothing but Data Docs is written, and only under
the run's output folder) with analytics off: the nightly job must not phone
home, and the machine may have no internet at all.

GX is imported here, lazily and once, only when a run validates: it costs
~4 s. (Importing it on a thread while the rules run was tried and dropped:
on this shared two-core machine the import thread and the rules' many short
native calls contended for the GIL, and the run took longer and more CPU.)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

RESULT_FORMAT_BASE = {"result_format": "COMPLETE", "partial_unexpected_count": 20}


@dataclass(frozen=True, slots=True)
class Failure:
    """A failed expectation: the rule it stands for and the ids of the offending rows.

    ``ids`` is empty for expectations about a whole column (its type), which
    become one finding without a cell.
    """

    rule: str
    severity: str
    expectation: str
    column: str | None
    ids: list[int]


def context(docs_dir: Path):
    """An ephemeral GX context whose Data Docs site writes to ``docs_dir``."""
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    ctx.update_data_docs_site(
        "local_site",
        {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    return ctx


def validate(ctx, name: str, suite, frame, id_column: str, run_name: str) -> list[Failure]:
    """One validation of ``frame`` (all reports at once) against ``suite``; the failures it found.

    A validation definition runs it directly: a checkpoint would add nothing
    here but its own bookkeeping (no actions; Data Docs are built once after
    both suites). The context is fresh, so ``add`` never compares with an
    existing copy as ``add_or_update`` does.
    """
    import great_expectations as gx

    source = ctx.data_sources.add_pandas(f"{name}_source")
    batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("all reports")
    definition = ctx.validation_definitions.add(
        gx.ValidationDefinition(name=name, data=batch, suite=ctx.suites.add(suite))
    )
    result = definition.run(
        batch_parameters={"dataframe": frame},
        result_format={**RESULT_FORMAT_BASE, "unexpected_index_column_names": [id_column]},
        run_id=gx.RunIdentifier(run_name=run_name),
    )
    return [_failure(r, id_column) for r in result.results if not r.success]


def _failure(result, id_column: str) -> Failure:
    config = result.expectation_config
    meta = config.meta or {}
    rows = result.result.get("unexpected_index_list") or []
    return Failure(
        rule=meta.get("rule", "columns"),
        severity=meta.get("severity", "error"),
        expectation=config.type,
        column=config.kwargs.get("column"),
        ids=[int(row[id_column]) for row in rows if isinstance(row, dict)],
    )
