package org.civstart.rest.wire;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.civstart.rest.WireEnums;

/** The wire enum through JSON bodies, a query parameter, a persisted attribute and an HQL parameter. */
@Path("/parcels")
public class ParcelResource {

    public record NewParcel(ParcelStatus status) {}

    public record ParcelView(UUID id, ParcelStatus status) {}

    @Inject
    EntityManager em;

    @POST
    @Transactional
    public ParcelView create(NewParcel request) {
        Parcel parcel = new Parcel();
        parcel.id = UUID.randomUUID();
        parcel.status = request.status();
        em.persist(parcel);
        return new ParcelView(parcel.id, parcel.status);
    }

    @GET
    @Transactional
    public List<ParcelView> list(@QueryParam("status") String status) {
        return em.createQuery("from Parcel where status = :status order by id", Parcel.class)
                .setParameter("status", WireEnums.parse(ParcelStatus.class, status, "status"))
                .getResultStream()
                .map(p -> new ParcelView(p.id, p.status))
                .toList();
    }
}
