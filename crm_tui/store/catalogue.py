"""Mirror the configured pipelines, stages and contact roles into their tables.

The configuration is the source of truth; rows only give deals and role assignments stable
keys. A stage or role removed from the configuration stays in the table (records may use it)
and is only marked inactive.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_tui.store.models import ContactRole, Pipeline, Stage


def sync_catalogue(session: Session, settings) -> None:  # type: ignore[no-untyped-def]
    for pipeline_cfg in settings.pipelines:
        pipeline = session.scalars(select(Pipeline).where(Pipeline.code == pipeline_cfg.code)).first()
        if pipeline is None:
            pipeline = Pipeline(code=pipeline_cfg.code, name=pipeline_cfg.name_en)
            session.add(pipeline)
            session.flush()
        elif pipeline.name != pipeline_cfg.name_en:
            pipeline.name = pipeline_cfg.name_en
        existing = {
            s.code: s for s in session.scalars(select(Stage).where(Stage.pipeline_id == pipeline.id))
        }
        for position, stage_cfg in enumerate(pipeline_cfg.stages):
            stage = existing.get(stage_cfg.code)
            if stage is None:
                session.add(
                    Stage(
                        pipeline_id=pipeline.id,
                        code=stage_cfg.code,
                        name=stage_cfg.name_en,
                        position=position,
                        final=stage_cfg.final,
                    )
                )
            else:
                stage.name, stage.position, stage.final = (
                    stage_cfg.name_en,
                    position,
                    stage_cfg.final,
                )
        for code, stage in existing.items():
            if code not in {s.code for s in pipeline_cfg.stages}:
                stage.position = 1000 + stage.position % 1000
    roles = {r.code: r for r in session.scalars(select(ContactRole))}
    configured = {r.code for r in settings.roles}
    for role_cfg in settings.roles:
        role = roles.get(role_cfg.code)
        if role is None:
            session.add(ContactRole(code=role_cfg.code, name=role_cfg.name_en, active=True))
        else:
            role.name, role.active = role_cfg.name_en, True
    for code, role in roles.items():
        if code not in configured:
            role.active = False
