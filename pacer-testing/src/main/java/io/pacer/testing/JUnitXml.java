package io.pacer.testing;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * JUnit XML as CI servers read it, for tests of the reports Pacer writes: validation against the Jenkins xUnit plugin's
 * {@code junit-10.xsd} (the schema Jenkins, GitLab and the GitHub reporters follow), and parsing back into DOM.
 */
public final class JUnitXml {

    private JUnitXml() {}

    /**
     * Validates {@code xml} against {@code junit-10.xsd}.
     *
     * @throws SAXException naming the first place that breaks the schema
     */
    public static void validate(String xml) throws SAXException, IOException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.newSchema(JUnitXml.class.getResource("junit-10.xsd"))
                .newValidator()
                .validate(new StreamSource(new StringReader(xml)));
    }

    /** Parses {@code xml}, refusing a DOCTYPE. */
    public static Document parse(String xml) throws SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The child elements of {@code parent} named {@code tag}, in order. */
    public static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                found.add(e);
            }
        }
        return found;
    }
}
