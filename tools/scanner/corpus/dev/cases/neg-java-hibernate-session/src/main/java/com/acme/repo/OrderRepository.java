package com.acme.repo;

import org.hibernate.Session;
import org.hibernate.SessionFactory;

public class OrderRepository {
    private final SessionFactory sessions;

    public OrderRepository(SessionFactory sessions) {
        this.sessions = sessions;
    }

    public void save(Object order) {
        try (Session session = sessions.openSession()) {
            session.beginTransaction();
            session.persist(order);
            session.getTransaction().commit();
        }
    }
}
