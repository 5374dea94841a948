package org.civstart.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Db} on the test JVM's real PostgreSQL server. */
class DbTest {

    private static Db db;

    @BeforeAll
    static void database() {
        db = Infrastructure.database("db_test");
        db.execute("create table ledger (id uuid primary key, startup varchar(20) not null, amount int not null)");
        db.execute("create function refuse() returns trigger language plpgsql as $$ begin "
                + "raise exception 'ledger is append-only'; end $$");
        db.execute(
                "create trigger append_only before update or delete on ledger for each row execute function refuse()");
    }

    @Test
    void bindsParametersAndReadsRowsInSelectOrder() {
        UUID id = UUID.randomUUID();
        assertThat(db.execute(
                        "insert into ledger (id, startup, amount) values (?, ?, ?), (?, ?, ?)",
                        id,
                        "rows",
                        10,
                        UUID.randomUUID(),
                        "rows",
                        -3))
                .isEqualTo(2);

        assertThat(db.count("select count(*) from ledger where startup = ?", "rows"))
                .isEqualTo(2);
        assertThat(db.count("select sum(amount) from ledger where startup = ?", "rows"))
                .isEqualTo(7);
        Map<String, Object> row = db.row("select amount, startup as who from ledger where id = ?", id);
        assertThat(row).containsExactly(Map.entry("amount", 10), Map.entry("who", "rows"));
        List<Map<String, Object>> rows = db.rows("select amount from ledger where startup = ? order by amount", "rows");
        assertThat(rows).extracting(r -> r.get("amount")).containsExactly(-3, 10);
    }

    @Test
    void rowInsistsOnExactlyOne() {
        assertThatThrownBy(() -> db.row("select * from ledger where startup = ?", "nobody"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected one row, got 0");
    }

    @Test
    void aRefusalCarriesTheDatabasesMessageAndTheStatement() {
        UUID id = UUID.randomUUID();
        db.execute("insert into ledger (id, startup, amount) values (?, 'refused', 5)", id);
        assertThatThrownBy(() -> db.execute("update ledger set amount = 6 where id = ?", id))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ledger is append-only")
                .hasMessageContaining("update ledger set amount = 6");
        assertThat(db.count("select amount from ledger where id = ?", id)).isEqualTo(5);
    }
}
