--
-- PostgreSQL database dump
--

\restrict VCCEyiY5Hl5lrmNuPL7eXwKgvTUkXtbklezDViVBCI2H93vXJOdl8ISYOYgXduD

-- Dumped from database version 14.22
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: public; Type: SCHEMA; Schema: -; Owner: postgres
--

-- *not* creating schema, since initdb creates it


ALTER SCHEMA public OWNER TO postgres;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: db_migrate_audit; Type: TABLE; Schema: public; Owner: dbm_app
--

CREATE TABLE public.db_migrate_audit (
    id bigint NOT NULL,
    action text NOT NULL,
    from_revision text NOT NULL,
    to_revision text NOT NULL,
    success boolean NOT NULL,
    actor text NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    duration_ms bigint NOT NULL,
    migrations integer NOT NULL,
    message text NOT NULL
);


ALTER TABLE public.db_migrate_audit OWNER TO dbm_app;

--
-- Name: db_migrate_audit_id_seq; Type: SEQUENCE; Schema: public; Owner: dbm_app
--

CREATE SEQUENCE public.db_migrate_audit_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.db_migrate_audit_id_seq OWNER TO dbm_app;

--
-- Name: db_migrate_audit_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: dbm_app
--

ALTER SEQUENCE public.db_migrate_audit_id_seq OWNED BY public.db_migrate_audit.id;


--
-- Name: flyway_schema_history; Type: TABLE; Schema: public; Owner: dbm_app
--

CREATE TABLE public.flyway_schema_history (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);


ALTER TABLE public.flyway_schema_history OWNER TO dbm_app;

--
-- Name: tasks; Type: TABLE; Schema: public; Owner: dbm_app
--

CREATE TABLE public.tasks (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    title text NOT NULL,
    status text DEFAULT 'todo'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    priority text DEFAULT 'medium'::text NOT NULL,
    CONSTRAINT tasks_priority_check CHECK ((priority = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text]))),
    CONSTRAINT tasks_status_check CHECK ((status = ANY (ARRAY['todo'::text, 'doing'::text, 'done'::text])))
);


ALTER TABLE public.tasks OWNER TO dbm_app;

--
-- Name: tasks_id_seq; Type: SEQUENCE; Schema: public; Owner: dbm_app
--

CREATE SEQUENCE public.tasks_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.tasks_id_seq OWNER TO dbm_app;

--
-- Name: tasks_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: dbm_app
--

ALTER SEQUENCE public.tasks_id_seq OWNED BY public.tasks.id;


--
-- Name: users; Type: TABLE; Schema: public; Owner: dbm_app
--

CREATE TABLE public.users (
    id bigint NOT NULL,
    email text NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE public.users OWNER TO dbm_app;

--
-- Name: users_id_seq; Type: SEQUENCE; Schema: public; Owner: dbm_app
--

CREATE SEQUENCE public.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.users_id_seq OWNER TO dbm_app;

--
-- Name: users_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: dbm_app
--

ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;


--
-- Name: db_migrate_audit id; Type: DEFAULT; Schema: public; Owner: dbm_app
--

ALTER TABLE ONLY public.db_migrate_audit ALTER COLUMN id SET DEFAULT nextval('public.db_migrate_audit_id_seq'::regclass);


--
-- Name: tasks id; Type: DEFAULT; Schema: public; Owner: dbm_app
--

ALTER TABLE ONLY public.tasks ALTER COLUMN id SET DEFAULT nextval('public.tasks_id_seq'::regclass);


--
-- Name: users id; Type: DEFAULT; Schema: public; Owner: dbm_app
--

ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);


--
-- Name: db_migrate_audit db_migrate_audit_pkey; Type: CONSTRAINT; Schema: public; Owner: dbm_app
--

ALTER TABLE ONLY public.db_migrate_audit
    ADD CONSTRAINT db_migrate_audit_pkey PRIMARY KEY (id);


--
-- Name: flyway_schema_history flyway_schema_history_pk; Type: CONSTRAINT; Schema: public; Owner: dbm_app
--

ALTER TABLE ONLY public.flyway_schema_history
    ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);


--
-- Name: tasks tasks_pkey; Type: CONSTRAINT; Schema: public; Owner: dbm_app
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_pkey PRIMARY KEY (id);


--
-- Name: users users_email_key; Type: CONSTRAINT; Schema: public; Owner: dbm_app
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_email_key UNIQUE (email);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: dbm_app
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: flyway_schema_history_s_idx; Type: INDEX; Schema: public; Owner: dbm_app
--

CREATE INDEX flyway_schema_history_s_idx ON public.flyway_schema_history USING btree (success);


--
-- Name: tasks_status_idx; Type: INDEX; Schema: public; Owner: dbm_app
--

CREATE INDEX tasks_status_idx ON public.tasks USING btree (status);


--
-- Name: tasks_user_id_idx; Type: INDEX; Schema: public; Owner: dbm_app
--

CREATE INDEX tasks_user_id_idx ON public.tasks USING btree (user_id);


--
-- Name: tasks tasks_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: dbm_app
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: postgres
--

REVOKE USAGE ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO PUBLIC;


--
-- PostgreSQL database dump complete
--

\unrestrict VCCEyiY5Hl5lrmNuPL7eXwKgvTUkXtbklezDViVBCI2H93vXJOdl8ISYOYgXduD

