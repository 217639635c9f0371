from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.migrate import upgrade


async def column_count(engine: AsyncEngine, table: str) -> int:
    async with engine.connect() as connection:
        result = await connection.execute(
            text(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = :t"
            ),
            {"t": table},
        )
        return int(result.scalar_one())


async def test_migrations_create_every_table_with_its_columns(
    engine: AsyncEngine,
) -> None:
    expected_minimum = {
        "customers": 23,
        "vehicles": 20,
        "appointments": 25,
        "service_history": 13,
        "call_logs": 22,
    }
    for table, minimum in expected_minimum.items():
        assert await column_count(engine, table) >= minimum, table


def test_migrations_upgrade_twice_is_a_no_op(migrated_url: str) -> None:
    upgrade(migrated_url)


async def test_migrations_match_the_models(engine: AsyncEngine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    def differences(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, SQLModel.metadata))

    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []
